/**
 * A 300 MB record in a process with a 400 MB heap: the splitter measures it
 * without holding it, rejects it with its index and size, and the records
 * around it are still reported. Runs the real stream parser (bundled with
 * esbuild) in a child process on a generated body; no big file is written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ar-big-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DRIVER = `
import { parseLogStream } from ${JSON.stringify(resolve('shared/formats/index.ts'))};
const small = (id) => JSON.stringify({ eventVersion: '1.09', eventID: id, eventName: 'AuthorizeSecurityGroupIngress', eventSource: 'ec2.amazonaws.com', requestParameters: { groupId: 'sg-1' } });
async function* body() {
  yield Buffer.from('{"Records":[' + small('before') + ',{"eventID":"huge","eventName":"AuthorizeSecurityGroupIngress","eventSource":"ec2.amazonaws.com","pad":"');
  const mib = Buffer.alloc(1 << 20, 0x78);
  for (let i = 0; i < 300; i++) yield mib;
  yield Buffer.from('"},' + small('after') + ']}');
}
const ids = [];
const parsed = await parseLogStream(body(), 'huge.json', { maxBytes: 1e9, onEvent: (e) => ids.push(e.id) });
console.log(JSON.stringify({ ids, total: parsed.total, errors: parsed.errors.map((e) => e.message), heapMB: Math.round(process.memoryUsage().rss / 2 ** 20) }));
`;

describe('a record larger than the heap allows', () => {
  it('is rejected with its index and size while the others are reported, under --max-old-space-size=400', () => {
    // Prepare
    const entry = join(dir, 'driver.mjs');
    writeFileSync(join(dir, 'driver.src.mjs'), DRIVER);
    buildSync({ entryPoints: [join(dir, 'driver.src.mjs')], bundle: true, platform: 'node', format: 'esm', outfile: entry, logLevel: 'silent' });

    // Act
    const child = spawnSync(process.execPath, ['--max-old-space-size=400', entry], { encoding: 'utf8', timeout: 60_000 });

    // Assess
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { ids: string[]; total: number; errors: string[] };
    expect(result.ids).toEqual(['before', 'after']);
    expect(result.total).toBe(3);
    expect(result.errors).toEqual(['huge.json record #1: 314.6 MB, over maxRecordBytes (16 MiB)']);
  });
});
