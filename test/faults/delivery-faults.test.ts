/**
 * Fault suite, the delivery side and mid-object reads: a Bot API whose
 * errors echo the request path (the token must never reach a log line), an
 * SMTP server that greets and then never answers (Telegram must still get
 * out in time), and an S3 connection reset in the middle of an object (the
 * records read so far are alerted, the object is retried).
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';
import { s3Notification } from '../helpers/triggers.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { type BuiltHandlers, buildHandlers, invokeBuilt } from './helpers/invoke.js';
import { BUCKET, PREFIX, TOKEN, deliveredTo, emailsWith, functionEnv } from './helpers/scenario.js';

const DEADLINE_MS = 9_000;

let built: BuiltHandlers;
let s3: TestS3;
let smtp: TestSmtp;

beforeAll(async () => {
  [built, s3, smtp] = await Promise.all([buildHandlers(), startS3([BUCKET]), startSmtp('alerts', 'pw')]);
}, 60_000);
afterAll(async () => {
  await Promise.all([s3?.stop(), smtp?.stop()]);
});

describe('fault suite: delivery faults', () => {
  it('prints no form of the bot token when the Bot API echoes the request path in its errors', async () => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    bot.echoPath(100);
    const key = `${PREFIX}token-echo.json.gz`;
    await s3.put(BUCKET, key, gzipSync(JSON.stringify({ Records: [bucketFindingRecord('token-echo-bucket')] })));
    const secret = TOKEN.slice(TOKEN.indexOf(':') + 1);
    const forms = [TOKEN, encodeURIComponent(TOKEN), encodeURIComponent(encodeURIComponent(TOKEN)), secret, encodeURIComponent(secret)];

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: functionEnv({ s3Url: s3.endpoint, bot, smtp }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess: the failure is logged, the email still went, and no line holds the token
    expect(run.killed, run.output).toBe(false);
    expect(bot.calls.length).toBeGreaterThanOrEqual(1);
    expect(run.logs.some((l) => l.message === 'notification failed' && l.notifier === 'telegram')).toBe(true);
    expect(emailsWith(smtp, 'token-echo-bucket')).toBe(1);
    const everything = [...run.logs.map((l) => JSON.stringify(l)), run.output, run.error?.message ?? ''].join('\n');
    for (const form of forms) expect(everything.includes(form), `log holds ${form}`).toBe(false);
    await bot.stop();
  });

  it('delivers to Telegram in time when the SMTP server greets and then never answers', async () => {
    // Prepare: the proxy passes the greeting, then swallows everything after the client's EHLO
    const bot = await startFakeTelegram(TOKEN);
    const stalled = await startFaultProxy(`tcp://127.0.0.1:${smtp.port}`);
    await stalled.set({ kind: 'stall', afterBytes: 0 }, /EHLO|HELO/);
    const key = `${PREFIX}smtp-stall.json.gz`;
    await s3.put(BUCKET, key, gzipSync(JSON.stringify({ Records: [bucketFindingRecord('smtp-stall-bucket')] })));

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: functionEnv({ s3Url: s3.endpoint, bot, smtp }, { SMTP_URL: `smtp://alerts:pw@127.0.0.1:${stalled.port}?ignoreTLS=true` }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    expect(run.killed, run.output).toBe(false);
    expect(deliveredTo(bot, '111', 'smtp-stall-bucket')).toBe(1);
    expect(emailsWith(smtp, 'smtp-stall-bucket')).toBe(0);
    expect(run.error?.name).toBe('RetryableBatchError');
    expect(run.error?.message).toContain('email');
    await Promise.all([bot.stop(), stalled.stop()]);
  });

  it('alerts the records read before S3 resets the connection mid-object, and reports the object transient', async () => {
    // Prepare: two findings at the head of a ~2 MB plain JSON object; the reset comes after 64 KB of it
    const bot = await startFakeTelegram(TOKEN);
    const proxy = await startFaultProxy(s3.endpoint);
    const filler = Array.from({ length: 6_000 }, (_, i) =>
      cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', readOnly: true, requestParameters: { filler: `${i}`.padStart(200, '0') } }),
    );
    const records = [sgRecord('sg-resetmidobject000'), bucketFindingRecord('reset-mid-object-bucket'), ...filler];
    const key = `${PREFIX}reset-mid-object.json`;
    await s3.put(BUCKET, key, Buffer.from(JSON.stringify({ Records: records })));
    await proxy.set({ kind: 'reset', afterBytes: 64 * 1024 }, 'reset-mid-object');

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: functionEnv({ s3Url: proxy.url, bot, smtp }),
      deadlineMs: DEADLINE_MS,
    });

    // Assess
    expect(run.killed, run.output).toBe(false);
    expect(deliveredTo(bot, '111', 'sg-resetmidobject000')).toBe(1);
    expect(deliveredTo(bot, '111', 'reset-mid-object-bucket')).toBe(1);
    expect(run.error?.name).toBe('RetryableBatchError');
    expect(run.error?.message).toContain('reset-mid-object');
    const failed = run.logs.find((l) => l.message === 'object failed');
    expect(failed?.transient).toBe(true);
    await Promise.all([bot.stop(), proxy.stop()]);
  });
});
