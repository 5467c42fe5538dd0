/**
 * A folder of bad objects next to a good one: the good one's findings come
 * out, each bad one is named with its reason, no stack trace reaches the
 * user, and the exit status says what happened.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../shared/cli/main.js';
import { sgRecord } from '../helpers/records.js';

async function scan(dir: string, env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const code = await main(['scan', dir, '--format', 'json'], { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env });
  return { code, lines: out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { eventId: string }), err };
}

describe('scan over bad input', () => {
  it('reports every bad object by name and reason and still finds the good ones', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'ar-bad-'));
    const good = sgRecord();
    const files: Record<string, Uint8Array | string> = {
      'good.json.gz': gzipSync(JSON.stringify({ Records: [good, good] })),
      'empty.json': '',
      'truncated.json.gz': gzipSync(JSON.stringify({ Records: [sgRecord()] })).subarray(0, 25),
      'invalid.json': '{"Records": [ {"eventID": ',
      'shape.json': '{"Records": 42}',
      'wrong-types.json': JSON.stringify({ Records: [{ ...sgRecord(), eventName: 7 }, { ...sgRecord(), userIdentity: [] }] }),
      'missing.json': JSON.stringify({ Records: [{ eventName: 'AuthorizeSecurityGroupIngress' }] }),
      'latin1.json': Buffer.from([0x5b, 0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d, 0x5d]),
      'huge.json': JSON.stringify({ Records: [sgRecord()], pad: 'x'.repeat(5000) }),
    };
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
    mkdirSync(join(dir, 'CloudTrail-Digest'));
    writeFileSync(join(dir, 'CloudTrail-Digest', 'd.json.gz'), gzipSync('{"digestStartTime":"x"}'));

    // Act
    const { code, lines, err } = await scan(dir, { MAX_OBJECT_BYTES: '4096' });

    // Assess
    expect(code).toBe(EXIT.inputErrors);
    expect(lines.map((l) => l.eventId)).toEqual([good.eventID]);
    for (const [name, reason] of [
      ['empty.json', 'empty object'],
      ['truncated.json.gz', 'invalid gzip data'],
      ['invalid.json', 'invalid JSON'],
      ['shape.json', 'Records is not an array'],
      ['wrong-types.json', 'record #0: eventName'],
      ['wrong-types.json', 'record #1: userIdentity'],
      ['missing.json', 'record #0: eventID'],
      ['latin1.json', 'not valid UTF-8 text'],
      ['huge.json', 'file too large'],
    ]) {
      expect(err).toContain(`${join(dir, name!)}`);
      expect(err).toMatch(new RegExp(`${name!.replace('.', '\\.')}[^\\n]*${reason!.replace(/[.#]/g, '\\$&')}`));
    }
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).toContain('scanned 10 files (1 skipped)');
  });
});
