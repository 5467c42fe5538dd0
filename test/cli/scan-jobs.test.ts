/**
 * `scan --jobs N`: the same folder or bucket prefix read on worker threads
 * prints exactly what the single-threaded run prints (findings in the same
 * order, the same errors and summary) and exits with the same code.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../shared/cli/io.js';
import { EXIT, main } from '../../shared/cli/main.js';
import { AUTO_JOBS_MIN_BYTES, chooseJobs, poolStats } from '../../shared/cli/scan-workers.js';
import { BUCKET, bucketTree } from '../helpers/bucket-tree.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { type CountingProxy, startCountingProxy } from '../helpers/counting-proxy.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';
import { yandexEvent } from '../helpers/yandex.js';

async function run(args: string[], extra: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTty: false,
    env: {},
    ...extra,
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** Objects of every kind: findings in several objects, both clouds, JSON Lines, bad objects, a rejected record. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ar-jobs-'));
  mkdirSync(join(dir, 'nested'));
  for (let i = 0; i < 6; i++) {
    const records = [sgRecord(`sg-0${i}23456789abcdef0`), cloudTrailRecord(), bucketFindingRecord(`acme-assets-${i}`), cloudTrailRecord()];
    writeFileSync(join(dir, `trail-${i}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  const bucket = yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-public', objects_access: 'true', list_access: 'false', settings_read_access: 'false' });
  writeFileSync(join(dir, 'nested', 'yandex.json'), JSON.stringify([bucket]));
  writeFileSync(join(dir, 'nested', 'lines.jsonl'), `${JSON.stringify(sgRecord('sg-0aaaaaaaaaaaaaaaa'))}\n${JSON.stringify(cloudTrailRecord())}\n`);
  writeFileSync(join(dir, 'truncated.json.gz'), gzipSync(JSON.stringify({ Records: [sgRecord()] })).subarray(0, 25));
  writeFileSync(join(dir, 'rejected.json'), JSON.stringify({ Records: [sgRecord('sg-0bbbbbbbbbbbbbbbb'), { eventName: 42 }] }));
  writeFileSync(join(dir, 'empty.json'), '');
  return dir;
}

describe('scan --jobs', () => {
  it.each([
    { name: 'json', format: 'json' },
    { name: 'text', format: 'text' },
    { name: 'csv', format: 'csv' },
  ])('prints the same $name report, errors and exit code on 2 workers as on the main thread', async ({ format }) => {
    // Prepare
    const dir = folder();
    const started = poolStats.started;

    // Act
    const single = await run(['scan', dir, '--format', format, '--jobs', '1']);
    const afterSingle = poolStats.started;
    const parallel = await run(['scan', dir, '--format', format, '--jobs', '2']);

    // Assess
    expect(afterSingle).toBe(started);
    expect(poolStats.started).toBe(started + 2);
    expect(single.code).toBe(EXIT.inputErrors);
    expect(single.err).toContain('scanned 11 files');
    expect(single.err).toMatch(/truncated\.json\.gz/);
    expect(single.err).toMatch(/rejected\.json record #1/);
    expect(single.out).toContain('sg-0523456789abcdef0');
    expect(parallel).toEqual(single);
  });

  it('rejects a --jobs that is not a whole number from 1 to 64', async () => {
    // Act
    const r = await run(['scan', folder(), '--jobs', '0']);

    // Assess
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('--jobs must be a whole number from 1 to 64, got "0"');
  });
});

describe('scan --jobs over s3://', () => {
  let s3: TestS3;
  let proxy: CountingProxy;
  beforeAll(async () => {
    s3 = await startS3([BUCKET]);
    for (const o of bucketTree()) await s3.put(BUCKET, o.key, o.body);
    proxy = await startCountingProxy(s3.endpoint);
  });
  afterAll(async () => {
    await proxy?.stop();
    await s3?.stop();
  });

  it('lists once and reads the prefix on 2 workers with the output of 1', async () => {
    // Prepare
    const io = { env: { S3_ENDPOINT: proxy.endpoint, S3_FORCE_PATH_STYLE: 'true' }, s3Client: { credentials: S3_CREDENTIALS, maxAttempts: 1 } };
    const started = poolStats.started;

    // Act
    const single = await run(['scan', `s3://${BUCKET}`, '--format', 'json', '--jobs', '1'], io);
    const parallel = await run(['scan', `s3://${BUCKET}`, '--format', 'json', '--jobs', '2'], io);

    // Assess
    expect(poolStats.started).toBe(started + 2);
    expect(single.code).toBe(EXIT.findings);
    expect(single.out.trim().split('\n').length).toBeGreaterThan(10);
    expect(parallel).toEqual(single);
  });
});

describe('chooseJobs', () => {
  const big = { bucket: '', key: 'a', size: AUTO_JOBS_MIN_BYTES };
  const small = { bucket: '', key: 'b', size: 1000 };
  it.each([
    { name: 'an explicit --jobs is kept', requested: 2, refs: [small, small, small], expected: 2 },
    { name: 'never more workers than objects', requested: 8, refs: [small, small], expected: 2 },
    { name: 'a small scan stays on the main thread', requested: undefined, refs: [small, small], expected: 1 },
    { name: 'one object is read on the main thread', requested: undefined, refs: [big], expected: 1 },
    { name: 'on 2 cores a large scan stays on one job (one keeps 1.5 cores busy)', requested: undefined, refs: [big, big, big], cores: 2, expected: 1 },
    { name: 'on 4 cores a large scan takes 2 workers', requested: undefined, refs: [big, big, big], cores: 4, expected: 2 },
    { name: 'on 16 cores, never more workers than objects', requested: undefined, refs: [big, big, big], cores: 16, expected: 3 },
  ])('$name', ({ requested, refs, expected, cores }) => {
    // Act / Assess
    expect(chooseJobs(requested, refs, cores ?? 4)).toBe(expected);
  });
});
