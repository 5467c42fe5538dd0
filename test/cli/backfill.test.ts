/**
 * `backfill` end to end: the CLI lists a realistic bucket (s3rver) and
 * sends object references to a local SQS-speaking server; the real
 * `functions/aws-sqs.ts` handler consumes the queue (three consumers, like
 * a reserved concurrency of 3) with a shared ledger.
 */
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/aws-sqs.js';
import type { CliIo } from '../../shared/cli/io.js';
import { main } from '../../shared/cli/main.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import type { Finding } from '../../shared/types.js';
import { ACCOUNTS, BUCKET, bucketTree } from '../helpers/bucket-tree.js';
import { type CountingProxy, startCountingProxy } from '../helpers/counting-proxy.js';
import { captureRuntime } from '../helpers/runtime.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSqs, startSqs } from '../helpers/sqs-server.js';

const QUEUE = 'audit-responder-objects';
let s3: TestS3;
let proxy: CountingProxy;
let sqs: TestSqs;

beforeAll(async () => {
  s3 = await startS3([BUCKET]);
  for (const o of bucketTree()) await s3.put(BUCKET, o.key, o.body);
  proxy = await startCountingProxy(s3.endpoint);
  sqs = await startSqs([QUEUE]);
});

afterAll(async () => {
  await sqs?.stop();
  await proxy?.stop();
  await s3?.stop();
});

const sqsClientConfig = () => ({ endpoint: sqs.endpoint, region: 'eu-west-1', credentials: S3_CREDENTIALS, maxAttempts: 1 });

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: false,
    env: { S3_ENDPOINT: proxy.endpoint, S3_FORCE_PATH_STYLE: 'true' },
    s3Client: { credentials: S3_CREDENTIALS, maxAttempts: 1 },
    sqsClient: sqsClientConfig(),
  };
  return { code: await main(args, io), out, err };
}

/** Drain the queue through the real handler, like the Lambda poller with `consumers` concurrent invocations. */
async function drain(consumers: number) {
  const { runtime, sent } = captureRuntime({ endpoint: proxy.endpoint, forcePathStyle: true });
  const deps = { ...runtime, ledger: memoryLedger() };
  const handler = createHandler(() => deps);
  const client = new SQSClient(sqsClientConfig());
  const QueueUrl = sqs.queueUrl(QUEUE);
  let invocations = 0;
  const consumer = async () => {
    for (let round = 0, idle = 0; round < 500 && idle < 2; round += 1) {
      const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 30 }));
      if (Messages.length === 0) {
        idle += 1;
        continue;
      }
      idle = 0;
      invocations += 1;
      const event = { Records: Messages.map((m) => ({ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body, eventSource: 'aws:sqs' })) };
      const { batchItemFailures } = await handler(event);
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      for (const m of Messages) {
        if (failed.has(m.MessageId ?? '')) {
          await client.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
        } else {
          await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
        }
      }
    }
  };
  proxy.reset();
  await Promise.all(Array.from({ length: consumers }, consumer));
  client.destroy();
  const gets = proxy.calls.filter((c) => c.kind === 'get').map((c) => c.target);
  return { sent, gets, invocations };
}

const tuple = (f: { ruleId: string; eventId: string; resource: { id: string } }) => `${f.ruleId} ${f.eventId} ${f.resource.id}`;
const ofFinding = (f: Finding) => tuple({ ruleId: f.ruleId, eventId: f.event.id, resource: f.resource });
const RANGE = ['--since', '2026-10-01', '--until', '2026-10-02', '--accounts', ACCOUNTS.join(',')];

describe('audit-responder backfill', () => {
  it('--notify all: every object is processed once and the findings equal scan on the same range', async () => {
    // Prepare
    const scan = await cli(['scan', `s3://${BUCKET}/AWSLogs/`, ...RANGE, '--format', 'json']);
    const expected = scan.out.trim().split('\n').map((l) => tuple(JSON.parse(l))).sort();

    // Act
    const sent = await cli(['backfill', `s3://${BUCKET}/AWSLogs/`, ...RANGE, '--queue', sqs.queueUrl(QUEUE), '--notify', 'all']);
    const queued = sqs.messages(QUEUE).length;
    const result = await drain(3);

    // Assess
    expect(sent.code).toBe(0);
    expect(sent.err).toMatch(/^backfill bf-[\w-]+: sent 8 object messages to http:\/\/127\.0\.0\.1:\d+\/111122223333\/audit-responder-objects in [\d.]+s\n$/);
    expect(queued).toBe(8);
    expect(result.gets).toHaveLength(8);
    expect(new Set(result.gets).size).toBe(8);
    expect(result.sent.map(ofFinding).sort()).toEqual(expected);
    expect(expected).toHaveLength(16);
    expect(sqs.messages(QUEUE)).toEqual([]);
  });

  it('--notify digest: no page per old finding, one summary for the whole backfill', async () => {
    // Act
    const sent = await cli(['backfill', `s3://${BUCKET}/AWSLogs/`, ...RANGE, '--queue', sqs.queueUrl(QUEUE)]);
    const messages = [...sqs.messages(QUEUE)];
    const result = await drain(3);

    // Assess
    expect(sent.err).toContain('sent 8 object messages and 1 digest request');
    expect(messages.at(-1)?.delaySeconds).toBe(900);
    expect(result.gets).toHaveLength(8);
    expect(new Set(result.gets).size).toBe(8);
    expect(result.sent).toHaveLength(1);
    const digest = result.sent[0] as Finding;
    expect(digest.ruleId).toBe('backfill-digest');
    expect(digest.title).toBe(`Backfill ${sent.out.trim()}: 16 findings in 8 old log objects`);
    expect(digest.severity).toBe('high');
    expect(digest.evidence.details).toMatchObject({ objects: 8, records: 24, byRule: { 'aws-ec2-sg-ingress-open': 16 }, bySeverity: { high: 16 } });
    expect(sqs.messages(QUEUE)).toEqual([]);
  });

  it('--notify none: the objects are processed, nothing is sent', async () => {
    // Act
    await cli(['backfill', `s3://${BUCKET}/audit/`, '--queue', sqs.queueUrl(QUEUE), '--notify', 'none']);
    const result = await drain(2);

    // Assess
    expect(result.gets.sort()).toEqual(['audit/cnpexample0trail001/2026/09/30/120500123.json', 'audit/cnpexample0trail001/2026/10/01/120500123.json']);
    expect(result.sent).toEqual([]);
  });

  it.each([
    { name: 'no queue', args: [`s3://${BUCKET}/`], message: '--queue URL is required' },
    { name: 'a local path', args: ['samples', '--queue', 'http://127.0.0.1:1/q'], message: 'give one or more s3://' },
    { name: 'a bad mode', args: [`s3://${BUCKET}/`, '--queue', 'http://127.0.0.1:1/q', '--notify', 'some'], message: '--notify must be none, digest or all' },
  ])('rejects $name with a usage error', async ({ args, message }) => {
    // Act
    const r = await cli(['backfill', ...args]);

    // Assess
    expect(r.code).toBe(64);
    expect(r.err).toContain(message);
  });

  it('names the queue error when the queue does not exist', async () => {
    // Act
    const r = await cli(['backfill', `s3://${BUCKET}/audit/`, '--queue', `${sqs.endpoint}/111122223333/nope`]);

    // Assess
    expect(r.code).toBe(70);
    expect(r.err).toContain('does not exist');
  });
});
