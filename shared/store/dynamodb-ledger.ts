/**
 * The durable {@link Ledger} in a DynamoDB table: AWS DynamoDB for Lambda, and
 * the DynamoDB-compatible Document API of Yandex Database (serverless) for
 * Yandex Cloud Functions (set `LEDGER_ENDPOINT`). Every write that decides
 * who acts is conditional, so two deliveries of the same event cannot both
 * claim it. Items expire through the table's TTL.
 *
 * Table: partition key `pk` (string); TTL attribute `expiresAt`. A leased
 * entry also holds `owner`, `leaseUntil` (epoch ms) and, once completed,
 * `doneAt` and `value` (JSON text).
 */
import type { JsonValue } from '../types.js';
import type { AcquireResult, Ledger } from './ledger.js';
import { type DynamoClientOptions, type Item, lazyDynamo } from './dynamodb-client.js';

/** Options of {@link dynamoLedger}. */
export interface DynamoLedgerOptions extends DynamoClientOptions {
  readonly table: string;
  /** How long records are kept. @default 30 days */
  readonly ttlSeconds?: number;
  /** The clock (tests). @default Date.now */
  readonly now?: () => number;
}

/** A {@link Ledger} over a DynamoDB(-compatible) table. */
export function dynamoLedger(options: DynamoLedgerOptions): Ledger {
  const use = lazyDynamo(options);
  const now = options.now ?? Date.now;
  const ttl = options.ttlSeconds ?? 30 * 24 * 3600;
  const TableName = options.table;
  const base = (key: string): Item => ({
    pk: { S: key },
    at: { S: new Date(now()).toISOString() },
    expiresAt: { N: String(Math.floor(now() / 1000) + ttl) },
  });
  const conditionFailed = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';
  const get = async (key: string): Promise<Item | undefined> => {
    const { sdk, client } = await use();
    const out = await client.send(new sdk.GetItemCommand({ TableName, Key: { pk: { S: key } }, ConsistentRead: true }));
    return out.Item;
  };
  const isDone = (item: Item) => item.doneAt !== undefined || item.owner === undefined;
  const claim = async (key: string): Promise<boolean> => {
    const { sdk, client } = await use();
    try {
      await client.send(new sdk.PutItemCommand({ TableName, Item: base(key), ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  };
  return {
    name: `dynamodb:${TableName}`,
    async has(key) {
      const item = await get(key);
      return item !== undefined && isDone(item);
    },
    async add(key) {
      await claim(key);
    },
    claim,
    async release(key) {
      const { sdk, client } = await use();
      await client.send(new sdk.DeleteItemCommand({ TableName, Key: { pk: { S: key } } }));
    },
    async acquire(key, lease): Promise<AcquireResult> {
      const { sdk, client } = await use();
      const at = now();
      const Item = { ...base(key), owner: { S: lease.owner }, leaseUntil: { N: String(at + lease.leaseMs) } };
      // Absent, or leased (not completed) by this owner or with its lease run out.
      const ConditionExpression =
        'attribute_not_exists(pk) OR (attribute_exists(#owner) AND attribute_not_exists(doneAt) AND (#owner = :owner OR leaseUntil < :now))';
      for (let attempt = 0; attempt < 3; attempt++) {
        const previous = await get(key);
        try {
          await client.send(
            new sdk.PutItemCommand({
              TableName,
              Item,
              ConditionExpression,
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: { ':owner': { S: lease.owner }, ':now': { N: String(at) } },
            }),
          );
          return { state: 'claimed', takenOver: previous !== undefined && previous.owner?.S !== lease.owner };
        } catch (error) {
          if (!conditionFailed(error)) throw error;
        }
        const current = await get(key);
        if (current === undefined) continue; // released in between: try again
        if (isDone(current)) return completedOf(current);
        return { state: 'held', owner: current.owner?.S ?? '', expiresAt: Number(current.leaseUntil?.N ?? 0) };
      }
      throw new Error(`ledger entry ${key} changed during three claim attempts`);
    },
    async complete(key, owner, value) {
      const { sdk, client } = await use();
      const Item: Item = { ...base(key), owner: { S: owner }, doneAt: { S: new Date(now()).toISOString() } };
      if (value !== undefined) Item.value = { S: JSON.stringify(value) };
      await client.send(new sdk.PutItemCommand({ TableName, Item }));
    },
  };
}

function completedOf(item: Item): AcquireResult {
  const text = item.value?.S;
  let value: JsonValue | undefined;
  if (text !== undefined) {
    try {
      value = JSON.parse(text) as JsonValue;
    } catch {
      value = text;
    }
  }
  return { state: 'completed', at: item.doneAt?.S ?? item.at?.S ?? '', ...(value !== undefined ? { value } : {}) };
}
