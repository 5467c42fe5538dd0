/**
 * The BUILT command (code split as `npm run build` makes it): `scan --jobs`
 * starts its worker threads from the bundled worker entry and prints what one
 * thread prints (when the entry cannot be loaded, the scan still reads
 * everything, on one thread, and says so on stderr instead of hiding it), and
 * `scan s3://` lists and reads a bucket through the bundled S3 client.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltHandlers, baseEnv, buildHandlers, runCli } from '../faults/helpers/invoke.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';

const BUCKET = 'built-cli-trail';
const PREFIX = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/';

let built: BuiltHandlers;
let folder: string;
let s3: TestS3;

beforeAll(async () => {
  [built, s3] = await Promise.all([buildHandlers(), startS3([BUCKET])]);
  folder = mkdtempSync(join(tmpdir(), 'ar-built-jobs-'));
  for (let i = 0; i < 4; i++) {
    const records = [sgRecord(`sg-0${i}23456789abcdef0`), cloudTrailRecord(), bucketFindingRecord(`acme-assets-${i}`)];
    const body = gzipSync(JSON.stringify({ Records: records }));
    writeFileSync(join(folder, `trail-${i}.json.gz`), body);
    await s3.put(BUCKET, `${PREFIX}111122223333_CloudTrail_eu-west-1_20261001T120${i}Z_built${i}.json.gz`, body);
  }
}, 60_000);
afterAll(async () => {
  await s3?.stop();
});

const scan = (cli: BuiltHandlers, jobs: number) => runCli(cli, ['scan', folder, '--format', 'json', '--jobs', String(jobs)], baseEnv(), 30_000);

describe('scan --jobs from the built command', () => {
  it('reads on worker threads and prints what one thread prints', async () => {
    // Act
    const [one, two] = [await scan(built, 1), await scan(built, 2)];

    // Assess
    expect(two.stderr).not.toContain('worker threads could not start');
    expect(two.code, two.stderr).toBe(1);
    expect(two.stdout.trim().split('\n')).toHaveLength(8);
    expect(two.stdout).toBe(one.stdout);
  }, 60_000);

  it('says so and reads on one thread when the worker entry is missing', async () => {
    // Prepare: a copy of the build without its worker entry.
    const dir = mkdtempSync(join(tmpdir(), 'ar-built-noworker-'));
    cpSync(built.dir, dir, { recursive: true });
    rmSync(join(dir, 'chunks', 'scan-worker.js'));
    const broken: BuiltHandlers = { ...built, dir, cli: join(dir, 'cli.js') };

    // Act
    const [one, two] = [await scan(built, 1), await scan(broken, 2)];

    // Assess
    expect(two.stderr).toContain('audit-responder: --jobs 2: worker threads could not start');
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
  }, 60_000);

  it('scans s3:// through the bundled S3 client and finds what the local copy holds', async () => {
    // Act (the dated prefix: s3rver drops CommonPrefixes for some deep single-account trees, real S3 does not)
    const env = baseEnv({ S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true', S3_REGION: 'us-east-1' });
    const [local, remote] = [await scan(built, 1), await runCli(built, ['scan', `s3://${BUCKET}/${PREFIX}`, '--format', 'json'], env, 30_000)];

    // Assess
    expect(remote.code, remote.stderr).toBe(1);
    const ids = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { ruleId: string; eventId: string })
        .map((f) => `${f.ruleId} ${f.eventId}`)
        .sort();
    expect(ids(remote.stdout)).toEqual(ids(local.stdout));
  }, 60_000);
});
