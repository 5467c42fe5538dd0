/**
 * Local throughput of `backfill` (run by hand: `npx tsx test/bench/backfill-throughput.ts [objects] [records]`):
 * s3rver with generated CloudTrail objects, the CLI sending them to the
 * test SQS server, then the real `aws-sqs` handler draining the queue with
 * 1, 2 and 4 consumers in this one process. Prints objects/s and records/s.
 * Not a vitest file: numbers, not assertions (see docs/incident-review.md).
 */
import { gzipSync } from 'node:zlib';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHandler } from '../../functions/aws-sqs.js';
import { cloudTrailRecords } from '../../scripts/bench/cloudtrail.js';
import { main } from '../../shared/cli/main.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import { startCountingProxy } from '../helpers/counting-proxy.js';
import { captureRuntime } from '../helpers/runtime.js';
import { S3_CREDENTIALS, startS3 } from '../helpers/s3-server.js';
import { startSqs } from '../helpers/sqs-server.js';

const OBJECTS = Number(process.argv[2] ?? 200);
const RECORDS = Number(process.argv[3] ?? 500);
const s3 = await startS3(['trail']);
const proxy = await startCountingProxy(s3.endpoint);
const sqs = await startSqs(['q']);
const sqsConfig = { endpoint: sqs.endpoint, region: 'eu-west-1', credentials: S3_CREDENTIALS, maxAttempts: 1 };
for (let i = 0; i < OBJECTS; i += 1) {
  const records = [...cloudTrailRecords(RECORDS, i + 1)].map((g) => g.record);
  const day = String(1 + (i % 28)).padStart(2, '0');
  await s3.put('trail', `AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/${day}/obj-${i}.json.gz`, gzipSync(JSON.stringify({ Records: records })));
}
const io = (out: (t: string) => void) => ({
  out,
  err: () => undefined,
  isTty: false,
  env: { S3_ENDPOINT: proxy.endpoint, S3_FORCE_PATH_STYLE: 'true' },
  s3Client: { credentials: S3_CREDENTIALS },
  sqsClient: sqsConfig,
});

let t = performance.now();
await main(['scan', 's3://trail/AWSLogs/', '--format', 'json', '--concurrency', '8'], io(() => undefined));
console.log(`scan --concurrency 8: ${(OBJECTS / ((performance.now() - t) / 1000)).toFixed(1)} objects/s`);

for (const consumers of [1, 2, 4]) {
  t = performance.now();
  await main(['backfill', 's3://trail/AWSLogs/', '--queue', sqs.queueUrl('q'), '--notify', 'none'], io(() => undefined));
  const sendS = (performance.now() - t) / 1000;
  const { runtime } = captureRuntime({ endpoint: proxy.endpoint, forcePathStyle: true });
  const deps = { ...runtime, ledger: memoryLedger(), logger: { log: () => undefined } };
  const handler = createHandler(() => deps);
  const client = new SQSClient(sqsConfig);
  const QueueUrl = sqs.queueUrl('q');
  t = performance.now();
  await Promise.all(
    Array.from({ length: consumers }, async () => {
      for (;;) {
        const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
        if (Messages.length === 0) return;
        await handler({ Records: Messages.map((m) => ({ messageId: m.MessageId, body: m.Body, eventSource: 'aws:sqs' })) });
        await client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
      }
    }),
  );
  const s = (performance.now() - t) / 1000;
  console.log(
    `backfill send: ${(OBJECTS / sendS).toFixed(0)} messages/s; drain with ${consumers} consumer(s): ` +
      `${(OBJECTS / s).toFixed(1)} objects/s, ${((OBJECTS * RECORDS) / s / 1000).toFixed(0)}k records/s`,
  );
  client.destroy();
}
await sqs.stop();
await proxy.stop();
await s3.stop();
