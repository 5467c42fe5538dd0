/**
 * Fault suite, alert path: the built handlers in child processes with a
 * Lambda-like deadline, against s3rver, dynalite, smtp-server and the Bot
 * API fake, some behind the fault-injecting proxy. Each scenario is one
 * way alerts used to be lost; each asserts they now get out in time.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamo } from '../helpers/dynamo-server.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';
import { type FakeTelegram, startFakeTelegram } from '../helpers/telegram-server.js';
import { s3Notification } from '../helpers/triggers.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { type BuiltHandlers, type InvocationResult, baseEnv, buildHandlers, invokeBuilt, runCli } from './helpers/invoke.js';

const TOKEN = '123456789:AAH-fault_suite_token_0123456789abc';
const BUCKET = 'trail';
const PREFIX = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_';
const DEADLINE_MS = 9_000;

let built: BuiltHandlers;
let s3: TestS3;
let smtp: TestSmtp;

/** One object per scenario, with findings named after it (so each test sees only its own). */
async function putObject(name: string, groups = 1): Promise<{ key: string; ids: string[] }> {
  const key = `${PREFIX}${name}.json.gz`;
  const ids = Array.from({ length: groups }, (_, i) => `sg-${name.replace(/[^a-z0-9]/g, '').slice(0, 10)}${i}`.padEnd(20, '0'));
  const records = [...ids.map((id) => sgRecord(id)), bucketFindingRecord(`${name}-bucket`)];
  await s3.put(BUCKET, key, gzipSync(JSON.stringify({ Records: records })));
  return { key, ids: [...ids, `${name}-bucket`] };
}

function env(extra: { bot: FakeTelegram; s3Url?: string; chats?: string } & Record<string, string | FakeTelegram | undefined>): Record<string, string> {
  const { bot, s3Url, chats, ...rest } = extra;
  return baseEnv({
    S3_ENDPOINT: s3Url ?? s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_REGION: 'us-east-1',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_CHAT_IDS: chats ?? '111,222',
    TELEGRAM_API_ROOT: bot.apiRoot,
    SMTP_URL: `smtp://alerts:pw@127.0.0.1:${smtp.port}?ignoreTLS=true`,
    EMAIL_FROM: 'alerts@acme.example',
    EMAIL_TO: 'oncall@acme.example',
    NOTIFY_RESERVE_MS: '3000',
    ...(rest as Record<string, string>),
  });
}

/** Messages delivered to `chat` that name `id`. */
const deliveredTo = (bot: FakeTelegram, chat: string, id: string) =>
  bot.delivered().filter((c) => c.params.chat_id === chat && String(c.params.text).includes(id)).length;
/** Emails received that name `id`. */
const emailsWith = (id: string) => smtp.received.filter((m) => String(m.text).includes(id)).length;
const ended = (run: InvocationResult) => expect(run.killed, `killed at the deadline; output: ${run.output}`).toBe(false);

beforeAll(async () => {
  [built, s3, smtp] = await Promise.all([buildHandlers(), startS3([BUCKET]), startSmtp('alerts', 'pw')]);
}, 60_000);
afterAll(async () => {
  await s3?.stop();
  await smtp?.stop();
});

describe('fault suite: alerts get out', () => {
  it('alerts every finding when the ledger refuses connections, logs one error naming it, and fails for retry', async () => {
    // Prepare
    const [bot, db] = await Promise.all([startFakeTelegram(TOKEN), startDynamo()]);
    const ledger = await startFaultProxy(db.endpoint);
    await ledger.set({ kind: 'refuse' });
    const { key, ids } = await putObject('ledger-down');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: env({ bot, LEDGER_TABLE: db.table, LEDGER_ENDPOINT: ledger.url }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    ended(run);
    expect(run.outcome).toBe('threw');
    expect(run.error?.name).toBe('RetryableBatchError');
    for (const id of ids) {
      expect(deliveredTo(bot, '111', id), id).toBeGreaterThanOrEqual(1);
      expect(deliveredTo(bot, '222', id), id).toBeGreaterThanOrEqual(1);
      expect(emailsWith(id), id).toBeGreaterThanOrEqual(1);
    }
    const ledgerErrors = run.logs.filter((l) => l.level === 'error' && String(l.message).startsWith('ledger unavailable'));
    expect(ledgerErrors).toHaveLength(1);
    expect(String(ledgerErrors[0]?.ledger)).toContain(db.table);
    await Promise.all([bot.stop(), ledger.stop(), db.stop()]);
  });

  it('alerts in time when the ledger accepts connections and never answers', async () => {
    // Prepare
    const [bot, db] = await Promise.all([startFakeTelegram(TOKEN), startDynamo()]);
    const ledger = await startFaultProxy(db.endpoint);
    await ledger.set({ kind: 'stall', afterBytes: 0 });
    const { key, ids } = await putObject('ledger-hung');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: env({ bot, LEDGER_TABLE: db.table, LEDGER_ENDPOINT: ledger.url }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    ended(run);
    expect(run.error?.name).toBe('RetryableBatchError');
    for (const id of ids) {
      expect(deliveredTo(bot, '111', id), id).toBeGreaterThanOrEqual(1);
      expect(emailsWith(id), id).toBeGreaterThanOrEqual(1);
    }
    await Promise.all([bot.stop(), ledger.stop(), db.stop()]);
  });

  it('delivers the first object\'s findings before the deadline when S3 is slow on the second', async () => {
    // Prepare: the second object's body trickles in far slower than the deadline allows
    const bot = await startFakeTelegram(TOKEN);
    const proxy = await startFaultProxy(s3.endpoint);
    const first = await putObject('slow-first');
    const second = await putObject('slow-second');
    await proxy.set({ kind: 'trickle', bytesPerTick: 16, tickMs: 300 }, 'slow-second');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [first.key, second.key]),
      env: env({ bot, s3Url: proxy.url }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess: delivered, then a transient failure so the platform retries the slow object
    ended(run);
    for (const id of first.ids) expect(deliveredTo(bot, '111', id), id).toBe(1);
    expect(emailsWith(first.ids[0] as string)).toBe(1);
    expect(run.error?.name).toBe('RetryableBatchError');
    expect(run.error?.message).toContain('slow-second');
    await Promise.all([bot.stop(), proxy.stop()]);
  });

  it('still emails in time when the Bot API never answers', async () => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    const hung = await startFaultProxy(bot.apiRoot);
    await hung.set({ kind: 'stall', afterBytes: 0 });
    const { key, ids } = await putObject('hung-telegram');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: { ...env({ bot }), TELEGRAM_API_ROOT: hung.url },
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    ended(run);
    for (const id of ids) expect(emailsWith(id), id).toBe(1);
    expect(run.error?.name).toBe('RetryableBatchError');
    expect(run.error?.message).toContain('telegram');
    await Promise.all([bot.stop(), hung.stop()]);
  });

  it('sends one message per finding and destination when two invocations deliver the same object at once', async () => {
    // Prepare
    const [bot, db] = await Promise.all([startFakeTelegram(TOKEN), startDynamo()]);
    const { key, ids } = await putObject('concurrent', 2);
    const invocation = () =>
      invokeBuilt(built, {
        handler: 'aws-s3',
        event: s3Notification(BUCKET, [key]),
        env: env({ bot, LEDGER_TABLE: db.table, LEDGER_ENDPOINT: db.endpoint }),
        deadlineMs: DEADLINE_MS,
        requestId: randomUUID(),
      });

    // Act
    const runs = await Promise.all([invocation(), invocation()]);

    // Assess
    for (const run of runs) ended(run);
    for (const id of ids) {
      expect(deliveredTo(bot, '111', id), id).toBe(1);
      expect(deliveredTo(bot, '222', id), id).toBe(1);
      expect(emailsWith(id), id).toBe(1);
    }
    await Promise.all([bot.stop(), db.stop()]);
  });

  it.each([
    { name: 'missing', retryAfter: undefined },
    { name: 'zero', retryAfter: 0 },
    { name: 'negative', retryAfter: -5 },
  ])('makes a bounded number of requests and ends cleanly on 429 with $name retry_after', async ({ name, retryAfter }) => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    bot.rateLimit(10_000, retryAfter);
    const { key } = await putObject(`rate-${name}`);

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: env({ bot, chats: '111' }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess: at most 3 attempts for the one message (the retry policy), then a transient failure
    ended(run);
    expect(bot.calls.length).toBeGreaterThanOrEqual(2);
    expect(bot.calls.length).toBeLessThanOrEqual(3);
    expect(run.error?.name).toBe('RetryableBatchError');
    await bot.stop();
  });

  it('ends `scan --notify` with a bounded number of requests when every answer is a 429 without retry_after', async () => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    bot.rateLimit(10_000, undefined);

    // Act
    const run = await runCli(built, ['scan', 'samples', '--notify'], baseEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_IDS: '111', TELEGRAM_API_ROOT: bot.apiRoot }), DEADLINE_MS);

    // Assess: the notifier's failure is reported, and the scan ends
    expect(run.killed, run.stderr).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('notifier telegram failed');
    expect(bot.calls.length).toBeLessThanOrEqual(3);
    await bot.stop();
  });
});
