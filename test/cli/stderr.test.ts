import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../shared/cli/main.js';

/** Characters that move the cursor, recolour, reorder or fake a line on stderr (LF ends our own lines). */
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

async function run(args: string[]) {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), isTty: false, env: {} };
  const code = await main(args, io);
  return { code, out, err };
}

describe('audit-responder stderr', () => {
  it('neutralises file names and parser snippets: one line per error, nothing a terminal acts on', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'ar-stderr-'));
    const badName = join(dir, 'trail\u001b[2K\r\u2028audit-responder: all clear\u202e.json');
    writeFileSync(badName, '\u001b[31m\u0085{"Records":');
    const snippet = join(dir, 'snippet.json');
    writeFileSync(snippet, '{"Records":[\u001b]0;pwned\u0007\u2028]}');
    const missing = join(dir, 'gone\u001b[1A\n.json');

    // Act
    const { code, err } = await run(['scan', badName, snippet, missing]);

    // Assess
    expect(code).toBe(EXIT.inputErrors);
    expect(FORBIDDEN.test(err)).toBe(false);
    const lines = err.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('audit-responder: '))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^scanned \d+ files?, .*3 errors$/);
    expect(err).toContain('trail\\u001b[2K\\r\\u2028audit-responder: all clear\\u202e.json');
    expect(err).toContain('gone\\u001b[1A\\n.json');
  });

  it('neutralises a hostile command name and option value in usage errors', async () => {
    // Act
    const command = await run(['sc\u001b[2Jan\u2028', 'x']);
    const format = await run(['scan', '.', '--format', 'te\rxt\u202e']);

    // Assess
    expect(command.code).toBe(EXIT.usage);
    expect(format.code).toBe(EXIT.usage);
    expect(FORBIDDEN.test(command.err + format.err)).toBe(false);
    expect(command.err).toContain('unknown command "sc\\u001b[2Jan\\u2028"');
    expect(format.err).toContain('got "te\\rxt\\u202e"');
  });
});
