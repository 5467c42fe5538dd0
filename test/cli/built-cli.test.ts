/**
 * The BUILT command (code split as `npm run build` makes it): `scan --jobs`
 * starts its worker threads from the bundled worker entry and prints what one
 * thread prints (when the entry cannot be loaded, the scan still reads
 * everything, on one thread, and says so on stderr instead of hiding it), and
 * `scan s3://` lists and reads a bucket through the bundled S3 client, and
 * `backfill` (loaded only for that command, with its SQS client) queues the
 * listed objects.
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
import { type TestSqs, startSqs } from '../helpers/sqs-server.js';

const BUCKET = 'built-cli-trail';
const PREFIX = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/';

let built: BuiltHandlers;
let folder: string;
let s3: TestS3;
let sqs: TestSqs;

beforeAll(async () => {
  [built, s3, sqs] = await Promise.all([buildHandlers(), startS3([BUCKET]), startSqs(['built-cli-objects'])]);
  folder = mkdtempSync(join(tmpdir(), 'ar-built-jobs-'));
  for (let i = 0; i < 4; i++) {
    const records = [sgRecord(`sg-0${i}23456789abcdef0`), cloudTrailRecord(), bucketFindingRecord(`acme-assets-${i}`)];
    const body = gzipSync(JSON.stringify({ Records: records }));
    writeFileSync(join(folder, `trail-${i}.json.gz`), body);
    await s3.put(BUCKET, `${PREFIX}111122223333_CloudTrail_eu-west-1_20261001T120${i}Z_built${i}.json.gz`, body);
  }
}, 60_000);
afterAll(async () => {
  await Promise.all([s3?.stop(), sqs?.stop()]);
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

  it('backfill queues every listed object through the bundled SQS client', async () => {
    // Act
    const env = baseEnv({ S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true', S3_REGION: 'us-east-1', AWS_ENDPOINT_URL_SQS: sqs.endpoint });
    const run = await runCli(built, ['backfill', `s3://${BUCKET}/${PREFIX}`, '--queue', sqs.queueUrl('built-cli-objects'), '--notify', 'none'], env, 30_000);

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const bodies = sqs.messages('built-cli-objects').map((m) => JSON.parse(m.body) as unknown);
    expect(bodies).toHaveLength(4);
    expect(JSON.stringify(bodies)).toContain(`${PREFIX}111122223333_CloudTrail_eu-west-1_20261001T1203Z_built3.json.gz`);
  }, 60_000);
});
