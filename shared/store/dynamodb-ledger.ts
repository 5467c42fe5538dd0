/**
 * The durable record of what was notified (per destination and finding) and
 * what was remediated, in a DynamoDB table: AWS DynamoDB for Lambda, and the
 * DynamoDB-compatible Document API of Yandex Database (serverless) for Yandex
 * Cloud Functions (set `LEDGER_ENDPOINT`). Writes are conditional
 * (`attribute_not_exists`), so two deliveries of the same event cannot both
 * claim the same remediation. Items expire through the table's TTL.
 *
 * Table: partition key `pk` (string); TTL attribute `expiresAt`.
 */
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { DeliveryLedger } from '../notifiers/notifier.js';

/** Options of {@link dynamoLedger}. */
export interface DynamoLedgerOptions {
  readonly table: string;
  /** How long records are kept. @default 30 days */
  readonly ttlSeconds?: number;
  readonly client?: DynamoDBClient;
  readonly clientConfig?: DynamoDBClientConfig;
}

/** A {@link DeliveryLedger} over a DynamoDB(-compatible) table. */
export function dynamoLedger(options: DynamoLedgerOptions): DeliveryLedger {
  // The client module is loaded on first use.
  let loaded: Promise<{ sdk: typeof import('@aws-sdk/client-dynamodb'); client: DynamoDBClient }> | undefined;
  const use = () =>
    (loaded ??= import('@aws-sdk/client-dynamodb').then((sdk) => ({
      sdk,
      client: options.client ?? new sdk.DynamoDBClient(options.clientConfig ?? {}),
    })));
  const ttl = options.ttlSeconds ?? 30 * 24 * 3600;
  const TableName = options.table;
  const item = (key: string) => ({
    pk: { S: key },
    at: { S: new Date().toISOString() },
    expiresAt: { N: String(Math.floor(Date.now() / 1000) + ttl) },
  });
  const claim = async (key: string): Promise<boolean> => {
    const { sdk, client } = await use();
    try {
      await client.send(new sdk.PutItemCommand({ TableName, Item: item(key), ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  };
  return {
    async has(key) {
      const { sdk, client } = await use();
      const out = await client.send(new sdk.GetItemCommand({ TableName, Key: { pk: { S: key } }, ConsistentRead: true }));
      return out.Item !== undefined;
    },
    async add(key) {
      await claim(key);
    },
    claim,
    async release(key) {
      const { sdk, client } = await use();
      await client.send(new sdk.DeleteItemCommand({ TableName, Key: { pk: { S: key } } }));
    },
  };
}
