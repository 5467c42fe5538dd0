import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSilence } from '../../shared/heartbeat/check.js';
import { s3NewestObject } from '../../shared/heartbeat/newest-object.js';
import { recordArrival } from '../../shared/heartbeat/record.js';
import { silentLogger } from '../../shared/log.js';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import type { Ledger } from '../../shared/store/ledger.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';

const MIN = 60_000;
let db: TestDynamo;
let s3: TestS3;
beforeAll(async () => {
  db = await startDynamo();
  s3 = await startS3(['acme-trail', 'acme-quiet']);
});
afterAll(async () => {
  await db?.stop();
  await s3?.stop();
});

describe('checkSilence with a DynamoDB ledger and an S3 server on loopback', () => {
  let n = 0;
  /** A fresh ledger namespace per test: each test watches its own prefix. */
  function setup(): { ledger: Ledger; prefix: string; config: { maxSilenceMinutes: number; prefixes: string[] } } {
    n += 1;
    const prefix = `acme-trail/t${n}/AWSLogs/111122223333/CloudTrail/`;
    return { ledger: dynamoLedger({ table: db.table, client: db.client }), prefix, config: { maxSilenceMinutes: 60, prefixes: [prefix] } };
  }

  it('alerts once when a prefix goes silent, and once when logs resume', async () => {
    // Prepare: one object written now; the checks run 90 minutes later.
    const { ledger, prefix, config } = setup();
    const key = `${prefix.slice('acme-trail/'.length)}eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_a.json.gz`;
    await s3.put('acme-trail', key, 'x');
    const later = Date.now() + 90 * MIN;
    const deps = { ledger, newest: s3NewestObject(s3.client) };

    // Act
    const first = await checkSilence(config, { ...deps, now: later });
    const second = await checkSilence(config, { ...deps, now: later + 15 * MIN });
    await recordArrival(ledger, { bucket: 'acme-trail', key }, config, silentLogger, later + 20 * MIN);
    const third = await checkSilence(config, { ...deps, now: later + 30 * MIN });
    const fourth = await checkSilence(config, { ...deps, now: later + 45 * MIN });

    // Assess
    expect(first).toEqual([{ prefix, kind: 'silent', maxSilenceMinutes: 60, lastSeen: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    expect(Date.parse(first[0]?.lastSeen ?? '')).toBeLessThan(later - 60 * MIN);
    expect(second).toEqual([]);
    expect(third).toEqual([expect.objectContaining({ prefix, kind: 'resumed' })]);
    expect(fourth).toEqual([]);
  });

  it('never alerts on a prefix whose objects keep arriving', async () => {
    // Prepare
    const { ledger, prefix, config } = setup();
    const start = Date.now();
    const results: unknown[] = [];

    // Act: an object every 10 minutes for 3 hours, a check every 15 minutes.
    for (let t = 0; t <= 180; t += 5) {
      const now = start + t * MIN;
      if (t % 10 === 0) await recordArrival(ledger, { bucket: 'acme-trail', key: `${prefix.slice(11)}f${t}.json.gz` }, config, silentLogger, now);
      if (t % 15 === 0) results.push(...(await checkSilence(config, { ledger, now })));
    }

    // Assess
    expect(results).toEqual([]);
  });

  it('falls back to the newest object when the ledger has no marks', async () => {
    // Prepare: a fresh object, no marks in the ledger (first run).
    const { ledger, prefix, config } = setup();
    await s3.put('acme-trail', `${prefix.slice(11)}fresh.json.gz`, 'x');

    // Act
    const alerts = await checkSilence(config, { ledger, newest: s3NewestObject(s3.client), now: Date.now() + 5 * MIN });

    // Assess
    expect(alerts).toEqual([]);
  });

  it('alerts without a last arrival when the prefix is empty', async () => {
    // Prepare
    const { ledger } = setup();
    const config = { maxSilenceMinutes: 30, prefixes: ['acme-quiet/AWSLogs/'] };

    // Act
    const alerts = await checkSilence(config, { ledger, newest: s3NewestObject(s3.client) });

    // Assess
    expect(alerts).toEqual([{ prefix: 'acme-quiet/AWSLogs/', kind: 'silent', maxSilenceMinutes: 30 }]);
  });
});
