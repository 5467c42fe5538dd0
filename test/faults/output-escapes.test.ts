/**
 * Fault suite, forged output: the built command line on hostile files.
 * Terminal escapes, carriage returns and line separators from the log
 * (`eventTime`, identities), from file names and from parser snippets must
 * never reach the terminal raw, on stdout or stderr.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sgRecord } from '../helpers/records.js';
import { type BuiltHandlers, baseEnv, buildHandlers, runCli } from './helpers/invoke.js';

const ESC = '\u001b';
/** Control characters (C0 but tab and newline, DEL, C1), bidi controls, and U+2028/U+2029/U+061C. */
const FORGING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

let built: BuiltHandlers;
let dir: string;

beforeAll(async () => {
  built = await buildHandlers();
  dir = mkdtempSync(join(tmpdir(), 'ar-escapes-'));
  mkdirSync(join(dir, 'in'));
  const record = {
    ...sgRecord('sg-0e5ca9e5000000000'),
    eventTime: `${ESC}[2J${ESC}[H\r2026-10-01T12:00:00Z\u2028[critical] forged line`,
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${ESC}]0;pwned\u0007mallory\u2029\u202e` },
  };
  writeFileSync(join(dir, 'in', 'hostile.json'), JSON.stringify({ Records: [record] }));
  // A file name and a body that end up in an error message on stderr.
  writeFileSync(join(dir, 'in', `evil${ESC}[31m\r\u2028name.json`), `{"Records": [${ESC}[2J\u2028 not json`);
}, 60_000);

describe('fault suite: no log content can forge the terminal', () => {
  it.each([
    { format: 'text', stdout: FORGING },
    // JSON.stringify escapes C0 controls; the CLI also escapes C1, bidi controls and U+2028/U+2029.
    { format: 'json', stdout: FORGING },
  ])('neutralises escapes, CR and U+2028 on stdout and stderr with --format $format', async ({ format, stdout }) => {
    // Act
    const run = await runCli(built, ['scan', join(dir, 'in'), '--format', format], baseEnv(), 15_000);

    // Assess: the finding is printed, the bad file is named, and nothing raw gets through
    expect(run.killed, run.stderr).toBe(false);
    expect(run.stdout).toContain('sg-0e5ca9e5000000000');
    expect(run.stderr).toContain('evil');
    expect(run.stdout.match(stdout)?.[0], JSON.stringify(run.stdout.slice(0, 2000))).toBeUndefined();
    expect(run.stderr.match(FORGING)?.[0], JSON.stringify(run.stderr.slice(0, 2000))).toBeUndefined();
  });
});
