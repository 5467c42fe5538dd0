import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import { type Ledger, memoryLedger } from '../../shared/store/ledger.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';

let db: TestDynamo;
beforeAll(async () => {
  db = await startDynamo();
});
afterAll(async () => {
  await db?.stop();
});

let clock = 1_000_000;
const now = () => clock;
const ledgers: [string, () => Ledger][] = [
  ['memory', () => memoryLedger(now)],
  ['dynamodb', () => dynamoLedger({ table: db.table, client: db.client, now })],
];

describe.each(ledgers)('leased entries (%s)', (_name, make) => {
  it('claims, holds against another owner, then reports the completed value', async () => {
    // Prepare
    const ledger = make();
    const key = `lease:${Math.random()}`;

    // Act and assess
    expect(await ledger.acquire(key, { owner: 'a', leaseMs: 5000 })).toEqual({ state: 'claimed', takenOver: false });
    expect(await ledger.has(key)).toBe(false);
    expect(await ledger.acquire(key, { owner: 'b', leaseMs: 5000 })).toEqual({ state: 'held', owner: 'a', expiresAt: clock + 5000 });
    expect(await ledger.acquire(key, { owner: 'a', leaseMs: 5000 })).toMatchObject({ state: 'claimed' });
    await ledger.complete(key, 'a', { status: 'done', reason: 'revoked' });
    const after = await ledger.acquire(key, { owner: 'b', leaseMs: 5000 });
    expect(after).toMatchObject({ state: 'completed', value: { status: 'done', reason: 'revoked' } });
    expect(await ledger.has(key)).toBe(true);
  });

  it('lets a new owner take over a claim whose lease ran out without completion', async () => {
    const ledger = make();
    const key = `lease:${Math.random()}`;
    await ledger.acquire(key, { owner: 'crashed', leaseMs: 1000 });

    clock += 1001;

    expect(await ledger.acquire(key, { owner: 'retry', leaseMs: 1000 })).toEqual({ state: 'claimed', takenOver: true });
  });

  it('treats a plain marker as completed', async () => {
    const ledger = make();
    const key = `marker:${Math.random()}`;
    await ledger.add(key);
    expect(await ledger.acquire(key, { owner: 'x', leaseMs: 1000 })).toMatchObject({ state: 'completed' });
  });
});

describe('dynamoLedger leases under concurrency', () => {
  it('gives a fresh key to exactly one of many concurrent claimants', async () => {
    const ledger = dynamoLedger({ table: db.table, client: db.client });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => ledger.acquire('lease:race', { owner: `inv-${i}`, leaseMs: 60_000 })),
    );
    expect(results.filter((r) => r.state === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.state === 'held')).toHaveLength(11);
  });
});
