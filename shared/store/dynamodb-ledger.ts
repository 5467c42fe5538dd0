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
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
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
  const client = options.client ?? new DynamoDBClient(options.clientConfig ?? {});
  const ttl = options.ttlSeconds ?? 30 * 24 * 3600;
  const TableName = options.table;
  const item = (key: string) => ({
    pk: { S: key },
    at: { S: new Date().toISOString() },
    expiresAt: { N: String(Math.floor(Date.now() / 1000) + ttl) },
  });
  const claim = async (key: string): Promise<boolean> => {
    try {
      await client.send(new PutItemCommand({ TableName, Item: item(key), ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  };
  return {
    async has(key) {
      const out = await client.send(new GetItemCommand({ TableName, Key: { pk: { S: key } }, ConsistentRead: true }));
      return out.Item !== undefined;
    },
    async add(key) {
      await claim(key);
    },
    claim,
    async release(key) {
      await client.send(new DeleteItemCommand({ TableName, Key: { pk: { S: key } } }));
    },
  };
}
