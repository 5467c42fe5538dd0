import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorrelationStore, dynamoCorrelationStore, memoryCorrelationStore } from '../../shared/store/correlation-store.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo.stop();
});

const MIN = 60_000;
const T0 = Date.parse('2026-10-01T12:00:00Z');
let n = 0;
const stores: [string, () => CorrelationStore][] = [
  ['memory', () => memoryCorrelationStore()],
  ['dynamodb', () => dynamoCorrelationStore({ table: dynamo.table, client: dynamo.client })],
];

describe.each(stores)('correlation store (%s)', (_name, make) => {
  it('returns the observations within the window, without duplicates', async () => {
    // Prepare
    const store = make();
    const key = `group-${(n += 1)}`;

    // Act
    await store.add(key, { eventId: 'e1', rule: 'r', time: T0 }, 5 * MIN);
    await store.add(key, { eventId: 'e1', rule: 'r', time: T0 }, 5 * MIN);
    await store.add(key, { eventId: 'e2', rule: 'r', time: T0 + 2 * MIN, value: '203.0.113.1' }, 5 * MIN);
    const seen = await store.add(key, { eventId: 'e3', rule: 'r', time: T0 + 6 * MIN }, 5 * MIN);

    // Assess
    expect(seen.map((o) => o.eventId)).toEqual(['e2', 'e3']);
    expect(seen[0]?.value).toBe('203.0.113.1');
  });

  it('keeps groups apart', async () => {
    // Prepare
    const store = make();
    const a = `group-${(n += 1)}`;
    const b = `group-${(n += 1)}`;

    // Act
    await store.add(a, { eventId: 'e1', rule: 'r', time: T0 }, MIN);
    const seen = await store.add(b, { eventId: 'e2', rule: 'r', time: T0 }, MIN);

    // Assess
    expect(seen.map((o) => o.eventId)).toEqual(['e2']);
  });

  it('lets exactly one of concurrent claims report a burst, and a later burst again', async () => {
    // Prepare
    const key = `group-${(n += 1)}`;
    const one = make();
    const two = one;

    // Act
    const claims = await Promise.all([one.claim(key, T0, T0 + 10 * MIN), two.claim(key, T0 + MIN, T0 + 11 * MIN)]);
    const inside = await one.claim(key, T0 + 5 * MIN, T0 + 15 * MIN);
    const after = await one.claim(key, T0 + 12 * MIN, T0 + 22 * MIN);

    // Assess
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(inside).toBe(false);
    expect(after).toBe(true);
  });
});

describe('correlation store in the ledger table', () => {
  it('writes a TTL past the timespan', async () => {
    // Prepare
    const now = Date.parse('2026-10-01T12:00:00Z');
    const store = dynamoCorrelationStore({ table: dynamo.table, client: dynamo.client, now: () => now });

    // Act
    await store.add('ttl-group', { eventId: 'e1', rule: 'r', time: now }, 30 * MIN);
    const item = await dynamo.client.send(new GetItemCommand({ TableName: dynamo.table, Key: { pk: { S: 'sigma-corr#ttl-group' } } }));

    // Assess
    const expires = Number(item.Item?.expiresAt?.N) * 1000;
    expect(expires).toBeGreaterThan(now + 30 * MIN);
    expect(expires).toBeLessThan(now + 24 * 60 * MIN);
  });

  it('trims observations that fell out of every window', async () => {
    // Prepare
    const store = dynamoCorrelationStore({ table: dynamo.table, client: dynamo.client });

    // Act
    await store.add('trim-group', { eventId: 'old', rule: 'r', time: T0 }, MIN);
    await store.add('trim-group', { eventId: 'new', rule: 'r', time: T0 + 60 * MIN }, MIN);
    const item = await dynamo.client.send(new GetItemCommand({ TableName: dynamo.table, Key: { pk: { S: 'sigma-corr#trim-group' } } }));

    // Assess
    expect(item.Item?.obs?.L?.map((o) => o.M?.e?.S)).toEqual(['new']);
  });
});
