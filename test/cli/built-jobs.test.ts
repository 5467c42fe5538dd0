/**
 * `scan --jobs` from the BUILT command (code split as `npm run build` makes
 * it): the worker threads start from the bundled worker entry and print what
 * one thread prints. When the entry cannot be loaded, the scan still reads
 * everything, on one thread, and says so on stderr instead of hiding it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltHandlers, baseEnv, buildHandlers, runCli } from '../faults/helpers/invoke.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';

let built: BuiltHandlers;
let folder: string;

beforeAll(async () => {
  built = await buildHandlers();
  folder = mkdtempSync(join(tmpdir(), 'ar-built-jobs-'));
  for (let i = 0; i < 4; i++) {
    const records = [sgRecord(`sg-0${i}23456789abcdef0`), cloudTrailRecord(), bucketFindingRecord(`acme-assets-${i}`)];
    writeFileSync(join(folder, `trail-${i}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
}, 60_000);

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
});
