/**
 * `npm run package` (serverless package, offline) and `npm run package:yandex`
 * ship the Sigma rule files of the stage's `sigma.paths` next to its config,
 * and each package, unpacked, starts with those rules loaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type ZipEntry, readZip } from '../helpers/zip.js';

const root = new URL('../../', import.meta.url).pathname;
const stage = 'sigmapkgtest';
const rulesDir = join(root, 'config', `${stage}-sigma`);
const RULE = 'title: Trail stopped\nid: 6a6a6a6a-7b7b-4c8c-9d9d-0e0e0e0e0e0e\nauthor: Jane Analyst\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  s:\n    eventName: StopLogging\n  condition: s\n';

beforeAll(() => {
  const base = parse(readFileSync(join(root, 'config/dev.yml'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(root, `config/${stage}.yml`), stringify({ ...base, sigma: { paths: [`${stage}-sigma`] } }));
  mkdirSync(join(rulesDir, 'nested'), { recursive: true });
  writeFileSync(join(rulesDir, 'nested', 'trail.yml'), RULE);
  writeFileSync(join(rulesDir, 'README.txt'), 'not a rule');
  execFileSync('npx', ['tsx', 'scripts/iam.ts', '--stage', stage], { cwd: root, stdio: 'pipe' });
});

afterAll(() => {
  for (const f of [`${stage}.yml`, `${stage}.json`, `${stage}.iam.json`]) rmSync(join(root, 'config', f), { force: true });
  rmSync(rulesDir, { recursive: true, force: true });
  rmSync(join(root, 'dist/yandex', stage), { recursive: true, force: true });
});

/** Unpack `entries` into a fresh folder and run `node args` there, as the platform would; its stdout. */
function startIn(entries: readonly ZipEntry[], args: readonly string[], env: Record<string, string>): string {
  const task = mkdtempSync(join(tmpdir(), 'ar-package-task-'));
  for (const entry of entries) {
    mkdirSync(dirname(join(task, entry.name)), { recursive: true });
    writeFileSync(join(task, entry.name), entry.read());
  }
  return execFileSync('node', args, { cwd: task, encoding: 'utf8', stdio: 'pipe', env: { PATH: process.env.PATH ?? '', ...env } });
}

describe('packaging of sigma.paths', () => {
  it('puts the rule files into the Yandex function zip', () => {
    // Act
    execFileSync('node', ['scripts/package-yandex.mjs', '--stage', stage], { cwd: root, stdio: 'pipe' });
    const entries = readZip(join(root, `dist/yandex/${stage}/function.zip`));

    // Assess
    expect(entries.map((e) => e.name)).toContain(`config/${stage}-sigma/nested/trail.yml`);
    expect(entries.map((e) => e.name)).not.toContain(`config/${stage}-sigma/README.txt`);
    // It starts as Cloud Functions starts it, rules loaded (a trigger with no messages reads nothing).
    const start = "const { handler } = require('./index.js'); handler({ messages: [] }, { requestId: 'r-1' }).then(() => console.log('started'));";
    expect(startIn(entries, ['-e', start], { AUDIT_RESPONDER_CONFIG: `config/${stage}.json` })).toContain('started');
  }, 60_000);

  it('puts the rule files into the Lambda package', () => {
    // Act
    const out = mkdtempSync(join(tmpdir(), 'ar-sls-sigma-'));
    execFileSync('npx', ['serverless', 'package', '--stage', stage, '--package', out], { cwd: root, stdio: 'pipe', env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' } });
    const entries = readZip(join(out, 'awsS3.zip'));

    // Assess
    const names = entries.map((e) => e.name);
    expect(names).toContain(`config/${stage}-sigma/nested/trail.yml`);
    expect(names).toContain(`config/${stage}.json`);
    expect(names.filter((n) => n.startsWith('config/'))).toHaveLength(2);

    // The package starts as Lambda starts it: its code split bundle loads the stage's rules
    // (an S3 test event builds the runtime and reads nothing).
    const handler = names.find((n) => /^functions\/aws-s3\.m?js$/.test(n));
    expect(handler, names.join(', ')).toBeDefined();
    const start = `const { handler } = await import(${JSON.stringify(`./${handler}`)}); await handler({ Service: 'Amazon S3', Event: 's3:TestEvent' }); console.log('started');`;
    const env = { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AUDIT_RESPONDER_CONFIG: `config/${stage}.json` };
    expect(startIn(entries, ['--input-type=module', '-e', start], env)).toContain('started');
  }, 180_000);
});
