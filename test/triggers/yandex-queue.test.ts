/**
 * The Yandex Message Queue trigger: parsing `messages[].details.message.body`
 * into refs with their backfill tags, and the `queue.handler` function on a
 * backfill (digest mode) against the local S3 server.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/yandex-queue.js';
import { TriggerError } from '../../shared/errors.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import { BACKFILL_KEY, backfillBody } from '../../shared/triggers/backfill-tag.js';
import { QUEUE_MESSAGE_TYPE, isYandexQueueEvent, refsFromYandexQueue } from '../../shared/triggers/yandex-queue.js';
import { sgRecord } from '../helpers/records.js';
import { captureRuntime } from '../helpers/runtime.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { s3Notification, yandexTrigger } from '../helpers/triggers.js';

const QUEUE = 'yrn:yc:ymq:ru-central1:b1gq4example0cloud01:audit-responder-backfill';

/** A Message Queue trigger call carrying `bodies`, in the documented shape. */
function queueCall(bodies: readonly string[]) {
  return {
    messages: bodies.map((body, i) => ({
      event_metadata: {
        event_id: `cce76685-5828-4304-a83d-${String(i).padStart(12, '0')}`,
        event_type: QUEUE_MESSAGE_TYPE,
        created_at: '2026-10-01T12:07:00.123Z',
        cloud_id: 'b1gq4example0cloud01',
        folder_id: 'b1g2example0folder01',
      },
      details: {
        queue_id: QUEUE,
        message: {
          message_id: `ymq-${i}`,
          md5_of_body: '0',
          body,
          attributes: { SentTimestamp: '1791201930000' },
          message_attributes: {},
          md5_of_message_attributes: '',
        },
      },
    })),
  };
}

const KEYS = ['AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/ymq-a.json.gz', 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/ymq b.json.gz'];
const tag = (seq: number, extra: object = {}) => ({ id: 'bf-ymq', notify: 'digest' as const, seq, total: 2, ...extra });

describe('refsFromYandexQueue', () => {
  it.each([
    {
      name: 'an S3 notification body',
      body: JSON.stringify(s3Notification('trail', ['AWSLogs/a.json.gz'])),
      refs: [{ bucket: 'trail', key: 'AWSLogs/a.json.gz' }],
      backfill: undefined,
    },
    {
      name: 'a backfill body (key with a space, percent-encoded)',
      body: backfillBody({ bucket: 'trail', key: 'AWSLogs/b c.json.gz', size: 10 }, tag(1)),
      refs: [{ bucket: 'trail', key: 'AWSLogs/b c.json.gz' }],
      backfill: tag(1),
    },
    {
      name: "CloudTrail's SNS notification body",
      body: JSON.stringify({ s3Bucket: 'trail', s3ObjectKey: ['AWSLogs/c.json.gz'] }),
      refs: [{ bucket: 'trail', key: 'AWSLogs/c.json.gz' }],
      backfill: undefined,
    },
  ])('reads $name', ({ body, refs, backfill }) => {
    // Act
    const [message] = refsFromYandexQueue(queueCall([body]));

    // Assess
    expect(message?.messageId).toBe('ymq-0');
    expect(message?.error).toBeUndefined();
    expect(message?.refs.map((r) => ({ bucket: r.bucket, key: r.key }))).toEqual(refs);
    expect(message?.backfill).toEqual(backfill);
  });

  it.each([
    { name: 'a body that is not JSON', raw: queueCall(['{"Records": [']).messages[0], error: /Message Queue message ymq-0: .*JSON/ },
    { name: 'an Object Storage message in the batch', raw: yandexTrigger([{ bucket: 'trail', key: 'a.json' }]).messages[0], error: /Message Queue message #0: / },
  ])('names $name and keeps the other messages', ({ raw, error }) => {
    // Prepare
    const good = queueCall([JSON.stringify(s3Notification('trail', ['AWSLogs/ok.json.gz']))]).messages[0];

    // Act
    const [bad, ok] = refsFromYandexQueue({ messages: [raw, good] });

    // Assess
    expect(bad?.refs).toEqual([]);
    expect(bad?.error).toMatch(error);
    expect(ok?.refs.map((r) => r.key)).toEqual(['AWSLogs/ok.json.gz']);
  });

  it('throws a TriggerError for an event that is no trigger call', () => {
    expect(() => refsFromYandexQueue({ Records: [] })).toThrow(TriggerError);
    expect(() => refsFromYandexQueue({ messages: [] })).toThrow(/not a Message Queue trigger/);
  });

  it('tells a queue call from an Object Storage call', () => {
    expect(isYandexQueueEvent(queueCall(['{}']))).toBe(true);
    expect(isYandexQueueEvent(yandexTrigger([{ bucket: 'trail', key: 'a.json' }]))).toBe(false);
    expect(isYandexQueueEvent(null)).toBe(false);
  });
});

describe('yandex-queue handler (backfill over Yandex Message Queue)', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startS3(['trail']);
    await s3.put('trail', KEYS[0] as string, gzipSync(JSON.stringify({ Records: [sgRecord('sg-0ymq000000000000a')] })));
    await s3.put('trail', KEYS[1] as string, gzipSync(JSON.stringify({ Records: [sgRecord('sg-0ymq000000000000b')] })));
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it('fails the call while the digest waits for an object message, then sends one summary, once', async () => {
    // Prepare
    const { runtime, sent } = captureRuntime({ endpoint: s3.endpoint, forcePathStyle: true });
    const deps = { ...runtime, ledger: memoryLedger() };
    const handler = createHandler(() => deps);
    const objects = KEYS.map((key, seq) => backfillBody({ bucket: 'trail', key }, tag(seq)));
    const digest = JSON.stringify({ Records: [], [BACKFILL_KEY]: tag(2, { digest: true }) });

    // Act
    const early = await handler(queueCall([digest, objects[0] as string])).catch((e: Error) => e);
    const afterFirst = [...sent];
    const rest = await handler(queueCall([objects[1] as string, digest]));
    const again = await handler(queueCall([digest]));

    // Assess: no page per old finding, the early digest retried (whole call), then one summary
    expect(early).toBeInstanceOf(Error);
    expect((early as Error).name).toBe('RetryableBatchError');
    expect((early as Error).message).toContain('ymq-0');
    expect(afterFirst).toEqual([]);
    expect(rest).toEqual({ statusCode: 200 });
    expect(again).toEqual({ statusCode: 200 });
    expect(sent.map((f) => [f.ruleId, f.title])).toEqual([['backfill-digest', 'Backfill bf-ymq: 2 findings in 2 old log objects']]);
  });

  it('alerts live notifications like the Object Storage handler', async () => {
    // Prepare
    const { runtime, sent } = captureRuntime({ endpoint: s3.endpoint, forcePathStyle: true });
    const handler = createHandler(() => ({ ...runtime, ledger: memoryLedger() }));

    // Act
    const result = await handler(queueCall([JSON.stringify(s3Notification('trail', [KEYS[0] as string]))]));

    // Assess
    expect(result).toEqual({ statusCode: 200 });
    expect(sent.map((f) => f.resource.id)).toEqual(['sg-0ymq000000000000a']);
  });
});
