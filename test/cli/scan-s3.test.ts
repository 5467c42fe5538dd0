/**
 * `scan s3://…` end to end: a realistic key tree in a real S3-protocol
 * server (s3rver) behind a counting proxy, read through the real CLI.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../shared/cli/io.js';
import { EXIT, main } from '../../shared/cli/main.js';
import { ACCOUNTS, BUCKET, type TreeObject, bucketTree, trailKey } from '../helpers/bucket-tree.js';
import { type CountingProxy, startCountingProxy } from '../helpers/counting-proxy.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';

let s3: TestS3;
let proxy: CountingProxy;
let tree: TreeObject[];

beforeAll(async () => {
  s3 = await startS3([BUCKET]);
  tree = bucketTree();
  for (const o of tree) await s3.put(BUCKET, o.key, o.body);
  proxy = await startCountingProxy(s3.endpoint);
});

afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

async function run(args: string[], extra: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  proxy.reset();
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: false,
    env: { S3_ENDPOINT: proxy.endpoint, S3_FORCE_PATH_STYLE: 'true' },
    s3Client: { credentials: S3_CREDENTIALS, maxAttempts: 1 },
    ...extra,
  };
  const code = await main(args, io);
  const gets = proxy.calls.filter((c) => c.kind === 'get').map((c) => c.target).sort();
  const lists = proxy.calls.filter((c) => c.kind === 'list').map((c) => c.target).sort();
  return { code, out, err, gets, lists };
}

const eventIds = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).eventId as string).sort();
const expected = (keys: readonly string[], drop: (id: string) => boolean = () => false) =>
  tree.filter((o) => keys.includes(o.key)).flatMap((o) => o.findings).filter((id) => !drop(id)).sort();

describe('scan s3://', () => {
  it('prunes by day, account and region: reads exactly the expected objects and drops records past --until', async () => {
    // Prepare
    const org = 'AWSLogs/o-exampleorg1/';
    const keys = [trailKey(ACCOUNTS[1], 'eu-west-1', '2026/10/01'), trailKey(ACCOUNTS[1], 'eu-west-1', '2026/10/02')];
    const late = JSON.parse(JSON.stringify(tree)) as TreeObject[];

    // Act
    const r = await run(['scan', `s3://${BUCKET}/AWSLogs/`, '--since', '2026-10-01', '--until', '2026-10-02T12:00:00Z', '--accounts', ACCOUNTS[1], '--regions', 'eu-west-1', '--format', 'json']);

    // Assess
    expect(r.gets).toEqual([...keys].sort());
    expect(r.lists).toEqual(
      [
        'AWSLogs/',
        org,
        `${org}${ACCOUNTS[1]}/`,
        `${org}${ACCOUNTS[1]}/CloudTrail/`,
        `${org}${ACCOUNTS[1]}/CloudTrail/eu-west-1/`,
        `${org}${ACCOUNTS[1]}/CloudTrail/eu-west-1/2026/10/01/`,
        `${org}${ACCOUNTS[1]}/CloudTrail/eu-west-1/2026/10/02/`,
      ].sort(),
    );
    // The 10/02 object holds a 01:00 and a 13:00 finding: the second is past --until.
    const day2 = late.find((o) => o.key === keys[1])?.findings ?? [];
    expect(eventIds(r.out)).toEqual(expected(keys, (id) => id === day2[1]));
    expect(r.code).toBe(EXIT.findings);
  });

  it('without filters reads every object but the digest files and finds every finding', async () => {
    // Act
    const r = await run(['scan', `s3://${BUCKET}`, '--format', 'json']);

    // Assess
    const events = tree.filter((o) => !o.key.includes('CloudTrail-Digest'));
    expect(r.gets).toEqual(events.map((o) => o.key).sort());
    expect(eventIds(r.out)).toEqual(events.flatMap((o) => o.findings).sort());
    expect(r.err).toBe(`scanned ${events.length} files, ${16 * 3 + 2} records: ${16 * 2 + 2} findings\n`);
  });

  it('prunes the Yandex Audit Trails layout <prefix>/<trail>/YYYY/MM/DD/ by day', async () => {
    // Act
    const r = await run(['scan', `s3://${BUCKET}/audit/`, '--since', '2026-10-01', '--until', '2026-10-01', '--format', 'json']);

    // Assess
    const key = 'audit/cnpexample0trail001/2026/10/01/120500123.json';
    expect(r.gets).toEqual([key]);
    expect(r.lists).toEqual(['audit/', 'audit/cnpexample0trail001/', 'audit/cnpexample0trail001/2026/10/01/'].sort());
    expect(eventIds(r.out)).toEqual(expected([key]));
  });

  it.each([
    { name: 'concurrency 1', concurrency: '1' },
    { name: 'concurrency 16', concurrency: '16' },
  ])('gives identical output whatever the concurrency ($name)', async ({ concurrency }) => {
    // Act
    const base = await run(['scan', `s3://${BUCKET}`, '--format', 'json', '--concurrency', '4']);
    const other = await run(['scan', `s3://${BUCKET}`, '--format', 'json', '--concurrency', concurrency]);

    // Assess
    expect(other.out).toBe(base.out);
    expect(other.out.length).toBeGreaterThan(0);
  });

  it('resumes from --checkpoint: the rerun reads nothing already done and says how many it skipped', async () => {
    // Prepare
    const checkpoint = join(mkdtempSync(join(tmpdir(), 'ar-ckpt-')), 'scan.ckpt');
    const args = ['scan', `s3://${BUCKET}/AWSLogs/`, '--accounts', ACCOUNTS[0], '--format', 'json', '--checkpoint', checkpoint];

    // Act
    const first = await run(args);
    const second = await run(args);

    // Assess
    expect(first.gets).toHaveLength(8);
    expect(readFileSync(checkpoint, 'utf8').trim().split('\n')).toHaveLength(8);
    expect(second.gets).toEqual([]);
    expect(second.err).toContain('8 already done (checkpoint), skipped');
  });

  it('--actor with --all-events prints every event of that actor, dangerous or not', async () => {
    // Act
    const r = await run(['scan', `s3://${BUCKET}/AWSLogs/`, '--since', '2026-10-01', '--until', '2026-10-01', '--actor', '*bob@example.com', '--all-events', '--format', 'json']);

    // Assess
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    // Bob (account 4444, both regions) on 10/01: the 01:00 open port and the 02:00 ListUsers.
    expect(lines.map((l) => [l.action, l.eventTime])).toEqual([
      ['AuthorizeSecurityGroupIngress', '2026-10-01T01:00:00.000Z'],
      ['ListUsers', '2026-10-01T02:00:00.000Z'],
      ['AuthorizeSecurityGroupIngress', '2026-10-01T01:00:00.000Z'],
      ['ListUsers', '2026-10-01T02:00:00.000Z'],
    ]);
    expect(lines.every((l) => String(l.actor.arn).includes('bob@example.com'))).toBe(true);
  });

  it('--resource keeps only findings on matching resources', async () => {
    // Act
    const r = await run(['scan', `s3://${BUCKET}/audit/`, '--resource', 'acme-2026-09-*', '--format', 'json']);

    // Assess
    expect(eventIds(r.out)).toEqual(expected(['audit/cnpexample0trail001/2026/09/30/120500123.json']));
  });

  it('draws a progress line on a terminal and erases it; off a terminal stderr holds only the summary', async () => {
    // Act
    const tty = await run(['scan', `s3://${BUCKET}/audit/`, '--format', 'json'], { errIsTty: true });
    const pipe = await run(['scan', `s3://${BUCKET}/audit/`, '--format', 'json']);
    const quiet = await run(['scan', `s3://${BUCKET}/audit/`, '--format', 'json', '--quiet'], { errIsTty: true });

    // Assess
    expect(tty.err).toMatch(/\r\u001b\[2K2\/2 objects · 2 records · 2 findings · \d+(\.\d)? (B|KiB) · [\d.]+ obj\/s/);
    expect(tty.err).toMatch(/\r\u001b\[2Kscanned 2 files/);
    expect(pipe.err).toBe('scanned 2 files, 2 records: 2 findings\n');
    expect(quiet.err).toBe(pipe.err);
  });

  it('stops cleanly when interrupted, with the summary so far', async () => {
    // Prepare
    const controller = new AbortController();
    const err = (t: string) => {
      if (t.includes('objects')) controller.abort();
    };

    // Act
    let summary = '';
    const r = await run(['scan', `s3://${BUCKET}`, '--format', 'json', '--concurrency', '1'], {
      errIsTty: true,
      signal: controller.signal,
      err: (t) => {
        err(t);
        if (t.startsWith('scanned')) summary = t;
      },
    });

    // Assess
    expect(r.code).toBe(EXIT.interrupted);
    expect(r.gets).toHaveLength(1);
    expect(summary).toMatch(/^scanned 1 file, 3 records: 2 findings; interrupted: the rest was not read\n$/);
    expect(eventIds(r.out)).toHaveLength(2);
  });

  it('--output writes the report atomically and leaves no temporary file', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'ar-out-'));
    const file = join(dir, 'findings.ocsf.jsonl');

    // Act
    const r = await run(['scan', `s3://${BUCKET}/audit/`, '--format', 'ocsf', '--output', file]);

    // Assess
    expect(r.out).toBe('');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).class_uid)).toEqual([2004, 2004]);
    expect(readdirSync(dir)).toEqual(['findings.ocsf.jsonl']);
  });

  it.each([
    { name: 'bad --since', args: ['--since', 'yesterday'], message: '--since must be an ISO date or time' },
    { name: 'since after until', args: ['--since', '2026-10-02', '--until', '2026-10-01'], message: '--since must be before --until' },
    { name: 'bad account', args: ['--accounts', '12'], message: '--accounts takes 12-digit' },
    { name: 'bad concurrency', args: ['--concurrency', '0'], message: '--concurrency must be' },
    { name: 'all-events as csv', args: ['--all-events', '--format', 'csv'], message: '--all-events prints events as text or json' },
  ])('rejects $name with a usage error', async ({ args, message }) => {
    // Act
    const r = await run(['scan', `s3://${BUCKET}`, ...args]);

    // Assess
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain(message);
    expect(r.gets).toEqual([]);
  });

  it('names a bucket that cannot be listed and still scans the rest', async () => {
    // Act
    const r = await run(['scan', 's3://no-such-bucket-here/', `s3://${BUCKET}/audit/`, '--format', 'json']);

    // Assess
    expect(r.code).toBe(EXIT.inputErrors);
    expect(r.err).toContain('s3://no-such-bucket-here/: ');
    expect(r.err).toContain('cannot list');
    expect(eventIds(r.out)).toHaveLength(2);
  });
});
