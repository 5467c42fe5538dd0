import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { lazyDynamo } from '../../shared/store/dynamodb-client.js';

describe('lazyDynamo', () => {
  it('gives the client it was handed, with the SDK module', async () => {
    // Prepare
    const client = new DynamoDBClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' });
    const use = lazyDynamo({ client });

    // Act
    const access = await use();

    // Assess
    expect(access.client).toBe(client);
    expect(access.sdk.PutItemCommand).toBeTypeOf('function');
    client.destroy();
  });

  it('makes one client from the config and keeps it', async () => {
    // Prepare
    const use = lazyDynamo({ clientConfig: { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' } });

    // Act
    const first = await use();
    const second = await use();

    // Assess
    expect(first.client).toBeInstanceOf(DynamoDBClient);
    expect(second.client).toBe(first.client);
    expect(await first.client.config.region()).toBe('eu-west-1');
    first.client.destroy();
  });
});
