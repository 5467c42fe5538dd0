/** The pruned listing against a real S3-protocol server (s3rver) behind a counting proxy. */
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listS3Objects, parseS3Url, semaphore } from '../../shared/io/s3-listing.js';
import { type CountingProxy, startCountingProxy } from '../helpers/counting-proxy.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';

const DAY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/';
let s3: TestS3;
let proxy: CountingProxy;
let client: S3Client;

beforeAll(async () => {
  s3 = await startS3(['trail']);
  const puts: Promise<void>[] = [];
  for (let i = 0; i < 5; i += 1) puts.push(s3.put('trail', `${DAY}f${String(i).padStart(4, '0')}.json.gz`, 'x'));
  await Promise.all(puts);
  await s3.put('trail', 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/02/late.json.gz', 'x');
  proxy = await startCountingProxy(s3.endpoint);
  client = new S3Client({ endpoint: proxy.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3_CREDENTIALS, maxAttempts: 1 });
});

afterAll(async () => {
  client?.destroy();
  await proxy?.stop();
  await s3?.stop();
});

describe('listS3Objects', () => {
  it('follows continuation tokens within a day and keeps only the days in range', async () => {
    // Prepare
    const range = { since: Date.parse('2026-10-01T00:00:00Z'), until: Date.parse('2026-10-02T00:00:00Z') };
    proxy.reset();

    // Act
    const refs = await listS3Objects(client, { bucket: 'trail', prefix: '' }, { range, accounts: [], regions: [] }, { pageSize: 2 });

    // Assess
    expect(refs).toHaveLength(5);
    expect(refs.every((r) => r.key.startsWith(DAY) && r.bucket === 'trail' && r.size === 1)).toBe(true);
    expect(refs.map((r) => r.key)).toEqual([...refs.map((r) => r.key)].sort());
    expect(proxy.calls.filter((c) => c.kind === 'list' && c.target === DAY)).toHaveLength(3);
    expect(proxy.calls.some((c) => c.target.includes('2026/10/02'))).toBe(false);
  });

  it('names the bucket and prefix when a listing fails', async () => {
    await expect(listS3Objects(client, { bucket: 'no-such-bucket', prefix: 'AWSLogs/' }, { range: {}, accounts: [], regions: [] })).rejects.toThrow(
      /s3:\/\/no-such-bucket\/AWSLogs\/: cannot list: NoSuchBucket/,
    );
  });

  it.each([
    { name: 'bucket and prefix', url: 's3://trail/AWSLogs/', parsed: { bucket: 'trail', prefix: 'AWSLogs/' } },
    { name: 'bucket only', url: 's3://trail', parsed: { bucket: 'trail', prefix: '' } },
    { name: 'a local path', url: './logs', parsed: undefined },
  ])('parses $name', ({ url, parsed }) => {
    expect(parseS3Url(url)).toEqual(parsed);
  });

  it('runs at most n tasks at once', async () => {
    // Prepare
    const limit = semaphore(2);
    let active = 0;
    let peak = 0;
    const task = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
    };

    // Act
    await Promise.all(Array.from({ length: 6 }, () => limit(task)));

    // Assess
    expect(peak).toBe(2);
  });
});
