/**
 * The function side of a digest backfill, through the real SQS handler:
 * a digest request that arrives before its object messages waits (batch
 * failure); once all are done it sends one summary, once.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/aws-sqs.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import { BACKFILL_KEY, backfillBody } from '../../shared/triggers/backfill-tag.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { captureRuntime } from '../helpers/runtime.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { sqsBatch } from '../helpers/triggers.js';

const KEYS = ['AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/a.json.gz', 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/b c.json.gz'];
const open22 = cloudTrailRecord({
  eventSource: 'ec2.amazonaws.com',
  eventName: 'AuthorizeSecurityGroupIngress',
  requestParameters: { groupId: 'sg-0aaa', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
});
let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3(['trail']);
  await s3.put('trail', KEYS[0] as string, gzipSync(JSON.stringify({ Records: [open22] })));
  await s3.put('trail', KEYS[1] as string, gzipSync(JSON.stringify({ Records: [cloudTrailRecord()] })));
});

afterAll(async () => {
  await s3?.stop();
});

const tag = (seq: number, extra: object = {}) => ({ id: 'bf-test', notify: 'digest' as const, seq, total: 2, ...extra });
const digestBody = JSON.stringify({ Records: [], [BACKFILL_KEY]: tag(2, { digest: true }) });

describe('backfill digest (function side)', () => {
  it('holds the digest back until every object message is done, then sends one summary, once', async () => {
    // Prepare
    const { runtime, sent } = captureRuntime({ endpoint: s3.endpoint, forcePathStyle: true });
    const deps = { ...runtime, ledger: memoryLedger() };
    const handler = createHandler(() => deps);
    const objects = KEYS.map((key, seq) => backfillBody({ bucket: 'trail', key }, tag(seq)));

    // Act
    const early = await handler(sqsBatch([digestBody, objects[0] as string]));
    const afterFirst = [...sent];
    const rest = await handler(sqsBatch([objects[1] as string, digestBody]));
    const again = await handler(sqsBatch([digestBody]));

    // Assess
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'msg-0' }]);
    expect(afterFirst).toEqual([]);
    expect(rest.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect(sent.map((f) => [f.ruleId, f.title, f.evidence.summary])).toEqual([
      ['backfill-digest', 'Backfill bf-test: 1 finding in 2 old log objects', '1 high in 2 records'],
    ]);
  });

  it('notify all alerts old findings like live ones; a live message beside it is unchanged', async () => {
    // Prepare
    const { runtime, sent } = captureRuntime({ endpoint: s3.endpoint, forcePathStyle: true });
    const handler = createHandler(() => runtime);
    const body = backfillBody({ bucket: 'trail', key: KEYS[0] as string }, { id: 'bf-all', notify: 'all', seq: 0, total: 1 });

    // Act
    const result = await handler(sqsBatch([body]));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(sent.map((f) => f.event.id)).toEqual([open22.eventID]);
  });
});
