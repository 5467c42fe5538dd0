/**
 * Fault suite, hostile inputs: decompression bombs and a giant record,
 * through the built S3 handler. Each must cost bounded time and memory, be
 * classified permanent (the handler returns, so the platform does not retry
 * a poison object), and say clearly what was wrong; the rest of the object
 * and of the batch is still reported. Inputs are generated here, never
 * committed.
 */
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';
import { type FakeTelegram, startFakeTelegram } from '../helpers/telegram-server.js';
import { s3Notification } from '../helpers/triggers.js';
import { type BuiltHandlers, buildHandlers, invokeBuilt } from './helpers/invoke.js';
import { BUCKET, PREFIX, TOKEN, deliveredTo, functionEnv, logged } from './helpers/scenario.js';

const DEADLINE_MS = 10_000;
/** Peak memory a bomb may cost the function (the runtime alone takes ~100 MiB). */
const MAX_RSS_MB = 300;

let built: BuiltHandlers;
let s3: TestS3;
let smtp: TestSmtp;
let bot: FakeTelegram;

/** gzip of `parts` written one after the other (big inputs without holding them twice). */
async function gzipStream(parts: Iterable<Buffer>): Promise<Buffer> {
  const gzip = createGzip({ level: 6 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  for (const part of parts) if (!gzip.write(part)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(out);
}

/** A valid object with one finding, named after the scenario, to show the rest of the batch goes on. */
async function healthyObject(name: string): Promise<{ key: string; id: string }> {
  const key = `${PREFIX}${name}.json.gz`;
  const id = `${name}-bucket`;
  await s3.put(BUCKET, key, gzipSync(JSON.stringify({ Records: [bucketFindingRecord(id)] })));
  return { key, id };
}

beforeAll(async () => {
  [built, s3, smtp, bot] = await Promise.all([buildHandlers(), startS3([BUCKET]), startSmtp('alerts', 'pw'), startFakeTelegram(TOKEN)]);
}, 60_000);
afterAll(async () => {
  await Promise.all([s3?.stop(), smtp?.stop(), bot?.stop()]);
});

describe('fault suite: decompression bombs', () => {
  it.each([
    {
      name: 'whitespace bomb (130 KB gzip of 128 MiB of spaces)',
      slug: 'bomb-spaces',
      make: () => gzipSync(Buffer.alloc(128 * 1024 * 1024, 0x20), { level: 9 }),
    },
    {
      // 96 gzip members of 64 MiB of NULs each: a 6 MB object that inflates to 6 GiB.
      name: 'NUL bomb (6 MB gzip of NUL bytes)',
      slug: 'bomb-nuls',
      make: () => {
        const member = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0), { level: 9 });
        return Buffer.concat(Array.from({ length: 96 }, () => member));
      },
    },
  ])('$name: bounded time and memory, permanent, a clear message, the batch goes on', async ({ slug, make }) => {
    // Prepare
    const key = `${PREFIX}${slug}.json.gz`;
    await s3.put(BUCKET, key, make());
    const after = await healthyObject(`${slug}-after`);

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key, after.key]),
      env: functionEnv({ s3Url: s3.endpoint, bot, smtp }),
      deadlineMs: DEADLINE_MS,
      nodeArgs: ['--max-old-space-size=256'],
    });

    // Assess: returned (not retried), in bounded memory, the reason named, the next object alerted
    expect(run.killed, run.output).toBe(false);
    expect(run.outcome, `${run.error?.message}\n${run.output}`).toBe('returned');
    expect(run.maxRssKb ?? Number.POSITIVE_INFINITY).toBeLessThan(MAX_RSS_MB * 1024);
    const failed = run.logs.find((l) => l.message === 'object failed' && String(l.object).includes(slug));
    expect(failed, JSON.stringify(run.logs)).toBeDefined();
    expect(failed?.transient).toBe(false);
    expect(String(failed?.reason)).toMatch(/MiB|not JSON|not an audit log|not valid|bytes? before/i);
    expect(String(failed?.reason)).not.toMatch(/Invalid string length|heap/i);
    expect(deliveredTo(bot, '111', after.id)).toBe(1);
  });
});

describe('fault suite: a record over maxRecordBytes', () => {
  it('rejects a 300 MB record under a 400 MB heap and reports the rest of the object and the batch', async () => {
    // Prepare: [finding, 300 MB record, finding] in one object, then another object
    const slug = 'giant-record';
    const before = sgRecord('sg-giantbefore000000');
    const afterRecord = bucketFindingRecord(`${slug}-inside-after`);
    const head = `{"Records":[${JSON.stringify(before)},{"eventVersion":"1.08","eventSource":"ec2.amazonaws.com","eventName":"CreateTags","awsRegion":"eu-west-1","requestParameters":{"blob":"`;
    const chunk = Buffer.alloc(16 * 1024 * 1024, 0x41);
    const body = await gzipStream(
      (function* () {
        yield Buffer.from(head);
        for (let i = 0; i < 19; i++) yield chunk; // 304 MiB
        yield Buffer.from(`"}},${JSON.stringify(afterRecord)}]}`);
      })(),
    );
    const key = `${PREFIX}${slug}.json.gz`;
    await s3.put(BUCKET, key, body);
    const next = await healthyObject(`${slug}-next`);

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key, next.key]),
      env: functionEnv({ s3Url: s3.endpoint, bot, smtp }),
      deadlineMs: 20_000,
      nodeArgs: ['--max-old-space-size=400'],
    });

    // Assess
    expect(run.killed, run.output).toBe(false);
    expect(run.outcome, `${run.error?.message}\n${run.output}`).toBe('returned');
    const warnings = logged(run.logs, 'warn');
    expect(warnings.find((w) => w.includes('record #1')), warnings.join('\n')).toMatch(/record #1\b.*(MB|MiB).*maxRecordBytes/);
    for (const id of ['sg-giantbefore000000', `${slug}-inside-after`, next.id]) expect(deliveredTo(bot, '111', id), id).toBe(1);
  }, 40_000);
});
