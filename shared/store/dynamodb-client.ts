/**
 * The DynamoDB SDK and client the table-backed stores share, loaded on first
 * use (so a run that never touches a table never loads the SDK).
 */
import type { AttributeValue, DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** One DynamoDB item. */
export type Item = Record<string, AttributeValue>;

/** The loaded SDK module and the client to call. */
export interface DynamoAccess {
  readonly sdk: typeof import('@aws-sdk/client-dynamodb');
  readonly client: DynamoDBClient;
}

/** Where the client comes from: a given one, else a new one from `clientConfig`. */
export interface DynamoClientOptions {
  readonly client?: DynamoDBClient;
  readonly clientConfig?: DynamoDBClientConfig;
}

/** A function giving the SDK and client, loading them once on its first call. */
export function lazyDynamo(options: DynamoClientOptions): () => Promise<DynamoAccess> {
  let loaded: Promise<DynamoAccess> | undefined;
  return () =>
    (loaded ??= import('@aws-sdk/client-dynamodb').then((sdk) => ({
      sdk,
      client: options.client ?? new sdk.DynamoDBClient(options.clientConfig ?? {}),
    })));
}
