/**
 * End to end: real objects in a real S3-protocol server on loopback, read by
 * the real S3 client through the real handlers, with the matching triggers.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createS3Handler } from '../../functions/aws-s3.js';
import { createHandler as createSqsHandler } from '../../functions/aws-sqs.js';
import { createHandler as createYandexHandler } from '../../functions/yandex-storage.js';
import { RetryableBatchError } from '../../shared/pipeline/retry.js';
import type { Finding } from '../../shared/types.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { captureRuntime } from '../helpers/runtime.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { s3Notification, sqsBatch, yandexTrigger } from '../helpers/triggers.js';
import { yandexEvent } from '../helpers/yandex.js';

const TRAIL_KEY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_a b.json.gz';
const YANDEX_KEY = 'trails/cnpabc/2026/10/01/120500123.json';

const openSsh = cloudTrailRecord({
  eventSource: 'ec2.amazonaws.com',
  eventName: 'AuthorizeSecurityGroupIngress',
  requestParameters: {
    groupId: 'sg-0123456789abcdef0',
    ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] },
  },
  responseElements: { _return: true },
});
const noise = cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' });
const yandexOpen = yandexEvent('network', 'UpdateSecurityGroup', {
  security_group_id: 'enp0example0sg',
  security_group_name: 'web',
  rules: [{ id: 'enp0rule1', direction: 'INGRESS', ports: { from_port: '3389', to_port: '3389' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'] } }],
});

let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3(['trail', 'audit-trails']);
  await s3.put('trail', TRAIL_KEY, gzipSync(JSON.stringify({ Records: [noise, openSsh] })));
  await s3.put('audit-trails', YANDEX_KEY, JSON.stringify([yandexOpen]));
  await s3.put('trail', 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/10/01/d.json.gz', gzipSync('{}'));
  await s3.put('trail', 'broken.json.gz', gzipSync('{"Records":[').subarray(0, 12));
});

afterAll(async () => {
  await s3?.stop();
});

const storage = () => ({ endpoint: s3.endpoint, forcePathStyle: true });
const ids = (findings: readonly Finding[]) => findings.map((f) => [f.ruleId, f.event.id, f.resource.id]);

describe('bucket-trigger handlers against a real S3 server', () => {
  it('AWS S3 notification: reads the gzipped trail file (URL-encoded key) and finds the open group', async () => {
    // Prepare
    const { runtime, sent, logs } = captureRuntime(storage());
    const handler = createS3Handler(() => runtime);
    const key = encodeURIComponent(TRAIL_KEY).replace(/%20/g, '+').replace(/%2F/g, '/');

    // Act
    await handler(s3Notification('trail', [key, 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/10/01/d.json.gz']));

    // Assess
    expect(ids(sent)).toEqual([['aws-ec2-sg-ingress-open', openSsh.eventID, 'sg-0123456789abcdef0']]);
    expect(sent[0]?.event.source).toEqual({ key: `s3://trail/${TRAIL_KEY}`, index: 1 });
    expect(logs).toContainEqual(expect.objectContaining({ message: 'object skipped', reason: expect.stringContaining('digest') }));
    expect(logs).toContainEqual(expect.objectContaining({ message: 'object processed', records: 2, evaluated: 1, findings: 1 }));
  });

  it('SQS: reports only the message whose object could not be read, after processing the rest', async () => {
    // Prepare
    const { runtime, sent } = captureRuntime(storage());
    const handler = createSqsHandler(() => runtime);
    const event = sqsBatch([
      JSON.stringify(s3Notification('trail', [TRAIL_KEY])),
      JSON.stringify(s3Notification('no-such-bucket-here', ['x.json.gz'])),
      JSON.stringify(s3Notification('trail', ['broken.json.gz'])),
    ]);

    // Act
    const result = await handler(event);

    // Assess: the missing bucket is permanent (not retried); the broken gzip is reported, not retried
    expect(ids(sent)).toHaveLength(1);
    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('Yandex trigger: reads the JSON array with several messages per call', async () => {
    // Prepare
    const { runtime, sent } = captureRuntime(storage());
    const handler = createYandexHandler(() => runtime);

    // Act
    const response = await handler(yandexTrigger([{ bucket: 'audit-trails', key: YANDEX_KEY }, { bucket: 'trail', key: TRAIL_KEY }]), {
      token: { access_token: 't1.example-not-used-with-static-keys' },
    });

    // Assess
    expect(response).toEqual({ statusCode: 200 });
    expect(ids(sent).map(([rule]) => rule).sort()).toEqual(['aws-ec2-sg-ingress-open', 'yandex-vpc-sg-ingress-open']);
    const yandex = sent.find((f) => f.event.cloud === 'yandex');
    expect(yandex).toMatchObject({ severity: 'high', remediation: { target: { ruleIds: ['enp0rule1'] } } });
  });

  it('fails the invocation when the storage is unreachable, so the platform retries', async () => {
    // Prepare
    const { runtime } = captureRuntime({ endpoint: 'http://127.0.0.1:9', forcePathStyle: true });
    const handler = createS3Handler(() => runtime);

    // Act
    const act = handler(s3Notification('trail', [TRAIL_KEY]));

    // Assess
    await expect(act).rejects.toThrow(RetryableBatchError);
  });
});

