/**
 * At-least-once delivery end to end: the real handler, a real S3 server, a
 * Bot API server, a real SMTP server and a DynamoDB server for the ledger,
 * all on loopback. A repeated trigger alerts once; a delivery killed midway
 * is retried and sends exactly what was missing.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/aws-s3.js';
import { createS3Reader } from '../../shared/io/s3-reader.js';
import type { Logger } from '../../shared/log.js';
import { RetryableBatchError } from '../../shared/pipeline/retry.js';
import { type Runtime, createRuntime } from '../../shared/runtime.js';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';
import { type FakeTelegram, startFakeTelegram } from '../helpers/telegram-server.js';
import { s3Notification } from '../helpers/triggers.js';
import { type FakeAws, startFakeAws } from '../helpers/aws-endpoint.js';

const TOKEN = '123456789:AAH-example_token_for_tests_0123456789';
const KEY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_retry.json.gz';
let s3: TestS3;
let db: TestDynamo;
let bot: FakeTelegram;
let smtp: TestSmtp;

beforeAll(async () => {
  s3 = await startS3(['trail']);
  await s3.put('trail', KEY, gzipSync(JSON.stringify({ Records: [sgRecord(), bucketFindingRecord()] })));
  smtp = await startSmtp('alerts', 'pw');
});
afterAll(async () => {
  await s3?.stop();
  await smtp?.stop();
});
beforeEach(async () => {
  db = await startDynamo();
  bot = await startFakeTelegram(TOKEN);
});
afterEach(async () => {
  await db.stop();
  await bot.stop();
});

function invoke(env: Record<string, string> = {}, remainingMs = 60_000, remediate?: Runtime['remediate']) {
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...fields }) };
  const runtime = createRuntime({
    cloud: 'aws',
    env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_IDS: '111,222', TELEGRAM_API_ROOT: bot.apiRoot, ...env },
    reader: createS3Reader({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', maxObjectBytes: 1e8, client: { credentials: S3_CREDENTIALS } }),
    ledger: dynamoLedger({ table: db.table, client: db.client }),
    logger,
  });
  const handler = createHandler(() => (remediate ? { ...runtime, remediate } : runtime));
  const result = handler(s3Notification('trail', [KEY]), { getRemainingTimeInMillis: () => remainingMs });
  return { result, logs };
}

describe('retries and repeated deliveries', () => {
  it('alerts once when the same trigger is delivered twice', async () => {
    await invoke().result;
    await invoke().result;
    expect(bot.delivered().map((c) => c.params.chat_id)).toEqual(['111', '222']);
  });

  it('fails on a 429 past the time budget, and the retry sends exactly the missing message', async () => {
    // Prepare: the first chat gets through, the second is rate limited for 2 minutes
    const first = invoke({ TELEGRAM_CHAT_IDS: '111' });
    await first.result;
    bot.rateLimit(1, 120);

    // Act
    const failed = await invoke({}, 30_000).result.catch((e: unknown) => e);
    const retried = await invoke({}, 30_000).result;

    // Assess
    expect(failed).toBeInstanceOf(RetryableBatchError);
    expect(retried).toBeUndefined();
    expect(bot.delivered().map((c) => c.params.chat_id)).toEqual(['111', '222']);
  });

  it('fails while SMTP refuses connections, and the retry emails once', async () => {
    // Prepare
    const down = { SMTP_URL: 'smtp://alerts:pw@127.0.0.1:9?ignoreTLS=true', EMAIL_FROM: 'alerts@acme.example', EMAIL_TO: 'oncall@acme.example' };
    const up = { ...down, SMTP_URL: `smtp://alerts:pw@127.0.0.1:${smtp.port}?ignoreTLS=true` };

    // Act
    const failed = await invoke(down).result.catch((e: unknown) => e);
    await invoke(up).result;
    await invoke(up).result;

    // Assess
    expect(failed).toBeInstanceOf(RetryableBatchError);
    expect(String((failed as Error).message)).not.toContain(':pw@');
    expect(smtp.received).toHaveLength(1);
    expect(bot.delivered()).toHaveLength(2);
  });

  it('defers objects when the invocation is nearly out of time', async () => {
    const { result, logs } = invoke({}, 5_000);
    await expect(result).rejects.toThrow(/less than 10s left/);
    expect(logs).toContainEqual(expect.objectContaining({ message: 'object deferred' }));
    expect(bot.delivered()).toEqual([]);
  });

  it('acts on nothing while the remediation ledger refuses connections, and still alerts with the reason', async () => {
    // Prepare: enforce mode for the SSH rule; the remediation ledger's endpoint refuses connections.
    let aws: FakeAws | undefined;
    try {
      aws = await startFakeAws();
      const down = dynamoLedger({ table: 'audit-responder-ledger', clientConfig: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 } });
      // The composition root with this config and the recorded AWS endpoint as the remediator's clients.
      const { remediate: remediator } = createRuntime({
        cloud: 'aws',
        env: { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify({ rules: { 'aws-ec2-sg-ingress-open': { remediate: true } }, remediation: { mode: 'enforce', accountId: '111122223333' } }) },
        remediator: { aws: aws.context().aws },
        reader: { open: () => Promise.reject(new Error('not read here')) },
        notifiers: [],
        ledger: down,
        logger: { log: () => {} },
      });
      if (!remediator) throw new Error('the runtime has a remediator');

      // Act
      const { result, logs } = invoke({ TELEGRAM_CHAT_IDS: '111' }, 60_000, (findings, _ledger, context) => remediator(findings, down, context));
      await result.catch(() => undefined);

      // Assess
      expect(aws.calls).toEqual([]);
      const texts = bot.delivered().map((c) => String(c.params.text));
      expect(texts.some((t) => t.includes('not applied: ledger unavailable'))).toBe(true);
      expect(logs.filter((l) => l.message === 'notified')).not.toEqual([]);
    } finally {
      await aws?.stop();
    }
  });
});
