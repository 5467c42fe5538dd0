import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';

let db: TestDynamo;
beforeAll(async () => {
  db = await startDynamo();
});
afterAll(async () => {
  await db?.stop();
});

describe('dynamoLedger against a DynamoDB server on loopback', () => {
  it('records keys and answers has()', async () => {
    const ledger = dynamoLedger({ table: db.table, client: db.client });
    expect(await ledger.has('telegram:1:a')).toBe(false);
    await ledger.add('telegram:1:a');
    await ledger.add('telegram:1:a');
    expect(await ledger.has('telegram:1:a')).toBe(true);
  });

  it('lets exactly one of many concurrent claims win (conditional write)', async () => {
    // Prepare: two "invocations" with their own clients, as two Lambda instances would have
    const ledgers = [dynamoLedger({ table: db.table, client: db.client }), dynamoLedger({ table: db.table, clientConfig: { endpoint: db.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } })];

    // Act
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => ledgers[i % 2]!.claim('remediation:rule:event:sg-1')));

    // Assess
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('releases a claim so a later retry can act', async () => {
    const ledger = dynamoLedger({ table: db.table, client: db.client });
    expect(await ledger.claim('remediation:x')).toBe(true);
    await ledger.release('remediation:x');
    expect(await ledger.claim('remediation:x')).toBe(true);
  });

  it('sets an expiry for the table TTL', async () => {
    const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
    const ledger = dynamoLedger({ table: db.table, client: db.client, ttlSeconds: 3600 });
    await ledger.add('email:x');
    const out = await db.client.send(new GetItemCommand({ TableName: db.table, Key: { pk: { S: 'email:x' } } }));
    const expires = Number(out.Item?.expiresAt?.N);
    expect(expires).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect(expires).toBeLessThan(Date.now() / 1000 + 3700);
  });

  it('surfaces errors other than a lost race', async () => {
    const ledger = dynamoLedger({ table: 'no-such-table', client: db.client });
    await expect(ledger.claim('k')).rejects.toThrow(/ResourceNotFound|non-existent table|not found/i);
  });
});
