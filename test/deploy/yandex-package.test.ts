/**
 * The Yandex Cloud Functions package, built offline: a CommonJS bundle with
 * the `index.handler` (Object Storage), `index.heartbeat` (timer) and
 * `index.queue` (Message Queue) entry points and the stage file, loadable by Node.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from '../helpers/zip.js';

const root = new URL('../../', import.meta.url).pathname;

describe('npm run package:yandex', () => {
  it('builds function.zip whose index.js exports the three handlers', () => {
    // Act
    execFileSync('node', ['scripts/package-yandex.mjs', '--stage', 'dev'], { cwd: root, stdio: 'pipe' });
    const entries = readZip(join(root, 'dist/yandex/dev/function.zip'));

    // Assess
    expect(entries.map((e) => e.name).sort()).toEqual(['config/dev.json', 'index.js', 'index.js.map']);
    const dir = mkdtempSync(join(tmpdir(), 'ar-yc-'));
    const bundle = entries.find((e) => e.name === 'index.js');
    expect(bundle).toBeDefined();
    writeFileSync(join(dir, 'index.js'), bundle?.read() ?? '');
    const types = execFileSync(
      'node',
      ['-e', "const m = require('./index.js'); process.stdout.write([m.handler, m.heartbeat, m.queue].map((h) => typeof h).join(' '))"],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(types).toBe('function function function');
  }, 60_000);
});
