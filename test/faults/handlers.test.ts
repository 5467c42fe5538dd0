/**
 * Fault suite, the other entry points: the SQS handler (partial batch
 * failures) and the Yandex Object Storage handler, built and run in child
 * processes, for a ledger that refuses connections and an S3 that is slow on
 * one object. Alerts must get out in time either way, and exactly the
 * affected work must come back for a retry.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamo } from '../helpers/dynamo-server.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';
import { s3Notification, sqsBatch, yandexTrigger } from '../helpers/triggers.js';
import { yandexEvent } from '../helpers/yandex.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { type BuiltHandlers, type InvocationResult, buildHandlers, invokeBuilt } from './helpers/invoke.js';
import { BUCKET, PREFIX, TOKEN, deliveredTo, emailsWith, functionEnv } from './helpers/scenario.js';

const DEADLINE_MS = 9_000;
const YANDEX_PREFIX = 'audit/b1g2example0folder01/2026/10/01/';

let built: BuiltHandlers;
let s3: TestS3;
let smtp: TestSmtp;

/** A CloudTrail object with one finding named `id`. */
async function awsObject(id: string): Promise<string> {
  const key = `${PREFIX}${id}.json.gz`;
  await s3.put(BUCKET, key, gzipSync(JSON.stringify({ Records: [bucketFindingRecord(id), sgRecord('sg-0000000000handler0')] })));
  return key;
}

/** A Yandex Audit Trails object (a JSON array) with one finding on bucket `id`. */
async function yandexObject(id: string): Promise<string> {
  const key = `${YANDEX_PREFIX}${id}.json`;
  const grants = [{ permission: 'READ', grant_type: 'ALL_USERS' }];
  await s3.put(BUCKET, key, Buffer.from(JSON.stringify([yandexEvent('storage', 'BucketAclUpdate', { bucket_id: id, acl: { grants } })])));
  return key;
}

const failures = (run: InvocationResult): string[] =>
  ((run.result as { batchItemFailures?: { itemIdentifier: string }[] } | undefined)?.batchItemFailures ?? []).map((f) => f.itemIdentifier);

beforeAll(async () => {
  [built, s3, smtp] = await Promise.all([buildHandlers(), startS3([BUCKET]), startSmtp('alerts', 'pw')]);
}, 60_000);
afterAll(async () => {
  await Promise.all([s3?.stop(), smtp?.stop()]);
});

describe('fault suite: the SQS handler', () => {
  it('alerts every message\'s findings when the ledger refuses connections, and returns those messages', async () => {
    // Prepare
    const [bot, db] = await Promise.all([startFakeTelegram(TOKEN), startDynamo()]);
    const ledger = await startFaultProxy(db.endpoint);
    await ledger.set({ kind: 'refuse' });
    const keys = [await awsObject('sqs-ledger-down-a'), await awsObject('sqs-ledger-down-b')];

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-sqs',
      event: sqsBatch(keys.map((key) => JSON.stringify(s3Notification(BUCKET, [key])))),
      env: functionEnv({ s3Url: s3.endpoint, bot, smtp }, { LEDGER_TABLE: db.table, LEDGER_ENDPOINT: ledger.url }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    expect(run.killed, run.output).toBe(false);
    expect(run.outcome, run.error?.message).toBe('returned');
    for (const id of ['sqs-ledger-down-a', 'sqs-ledger-down-b']) {
      expect(deliveredTo(bot, '111', id), id).toBeGreaterThanOrEqual(1);
      expect(emailsWith(smtp, id), id).toBeGreaterThanOrEqual(1);
    }
    expect(failures(run).sort()).toEqual(['msg-0', 'msg-1']);
    expect(run.logs.filter((l) => l.level === 'error' && String(l.message).startsWith('ledger unavailable'))).toHaveLength(1);
    await Promise.all([bot.stop(), ledger.stop(), db.stop()]);
  });

  it('delivers the first message\'s findings before the deadline and returns only the slow message', async () => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    const proxy = await startFaultProxy(s3.endpoint);
    const keys = [await awsObject('sqs-slow-first'), await awsObject('sqs-slow-second')];
    await proxy.set({ kind: 'trickle', bytesPerTick: 16, tickMs: 300 }, 'sqs-slow-second');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-sqs',
      event: sqsBatch(keys.map((key) => JSON.stringify(s3Notification(BUCKET, [key])))),
      env: functionEnv({ s3Url: proxy.url, bot, smtp }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    expect(run.killed, run.output).toBe(false);
    expect(run.outcome, run.error?.message).toBe('returned');
    expect(deliveredTo(bot, '111', 'sqs-slow-first')).toBe(1);
    expect(failures(run)).toEqual(['msg-1']);
    await Promise.all([bot.stop(), proxy.stop()]);
  });
});

describe('fault suite: the Yandex Object Storage handler', () => {
  it('alerts when the ledger refuses connections, logs one error naming it, and fails for retry', async () => {
    // Prepare
    const [bot, db] = await Promise.all([startFakeTelegram(TOKEN), startDynamo()]);
    const ledger = await startFaultProxy(db.endpoint);
    await ledger.set({ kind: 'refuse' });
    const key = await yandexObject('yc-ledger-down');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'yandex-storage',
      event: yandexTrigger([{ bucket: BUCKET, key }]),
      env: functionEnv({ s3Url: s3.endpoint, bot, smtp }, { LEDGER_TABLE: db.table, LEDGER_ENDPOINT: ledger.url }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    expect(run.killed, run.output).toBe(false);
    expect(run.error?.name).toBe('RetryableBatchError');
    expect(deliveredTo(bot, '111', 'yc-ledger-down')).toBeGreaterThanOrEqual(1);
    expect(emailsWith(smtp, 'yc-ledger-down')).toBeGreaterThanOrEqual(1);
    const errors = run.logs.filter((l) => l.level === 'error' && String(l.message).startsWith('ledger unavailable'));
    expect(errors).toHaveLength(1);
    expect(String(errors[0]?.ledger)).toContain(db.table);
    await Promise.all([bot.stop(), ledger.stop(), db.stop()]);
  });

  it('delivers the first object\'s findings before the deadline when Object Storage is slow on the second', async () => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    const proxy = await startFaultProxy(s3.endpoint);
    const keys = [await yandexObject('yc-slow-first'), await yandexObject('yc-slow-second')];
    await proxy.set({ kind: 'trickle', bytesPerTick: 16, tickMs: 300 }, 'yc-slow-second');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'yandex-storage',
      event: yandexTrigger(keys.map((key) => ({ bucket: BUCKET, key }))),
      env: functionEnv({ s3Url: proxy.url, bot, smtp }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    expect(run.killed, run.output).toBe(false);
    expect(deliveredTo(bot, '111', 'yc-slow-first')).toBe(1);
    expect(run.error?.name).toBe('RetryableBatchError');
    expect(run.error?.message).toContain('yc-slow-second');
    await Promise.all([bot.stop(), proxy.stop()]);
  });
});
