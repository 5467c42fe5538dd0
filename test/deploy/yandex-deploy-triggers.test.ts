/**
 * deploy/yandex/deploy.sh's optional triggers, run for real with a fake `yc`
 * (and `npm`, `npx`) on PATH: the silence alarm's timer trigger and the
 * backfill's Message Queue trigger, each on its own function made from the
 * one package, with validated values only.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const SA_ID = 'ajeserviceacc0unt001';
const FN_ID = 'd4efunction000000001';
const QUEUE_ARN = 'yrn:yc:ymq:ru-central1:b1gfolder00000000001:audit-responder-backfill';
const BASE = { folderId: 'b1gfolder00000000001', trailBucket: 'acme-audit-trail', telegramChatIds: '-1001234567890' };

/** Fake `yc`: append argv as one JSON line; answer `get --format json` with an id; no trigger exists yet. */
const FAKE_YC = `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify(['yc', ...args]) + '\\n');
if (args[1] === 'trigger' && args[2] === 'get') process.exit(1);
if (args.includes('get') && args.includes('json')) process.stdout.write(JSON.stringify({ id: args[0] === 'iam' ? '${SA_ID}' : '${FN_ID}' }));
`;
const fakeTool = (name: string) => `#!/usr/bin/env node
require('fs').appendFileSync(process.env.FAKE_LOG, JSON.stringify(['${name}', ...process.argv.slice(2)]) + '\\n');
`;

/** Run the script on a stage file with `deploy.yandex` = `yandex`; the `yc` calls it made. */
function deploy(yandex: Record<string, unknown>): { status: number | null; stderr: string; yc: string[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'ar-yc-triggers-'));
  mkdirSync(join(dir, 'deploy/yandex'), { recursive: true });
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'deploy/yandex/deploy.sh'), readFileSync(join(root, 'deploy/yandex/deploy.sh')));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'config', 'prod.yml'), stringify({ deploy: { yandex } }));
  for (const [name, text] of [['yc', FAKE_YC], ['npm', fakeTool('npm')], ['npx', fakeTool('npx')]] as const) {
    writeFileSync(join(dir, 'bin', name), text);
    chmodSync(join(dir, 'bin', name), 0o755);
  }
  const log = join(dir, 'calls.jsonl');
  const result = spawnSync('bash', [join(dir, 'deploy/yandex/deploy.sh'), 'prod'], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, FAKE_LOG: log, HOME: dir },
    timeout: 60_000,
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : [];
  return { status: result.status, stderr: result.stderr, yc: calls.filter((c) => c[0] === 'yc').map((c) => c.slice(1)) };
}

const find = (calls: string[][], ...words: string[]) => calls.filter((c) => words.every((w, i) => c[i] === w));
const flag = (call: string[] | undefined, name: string) => call?.[call.indexOf(name) + 1];

describe('deploy/yandex/deploy.sh: timer and Message Queue triggers', () => {
  it('creates the heartbeat function (index.heartbeat) and a timer trigger every heartbeatMinutes', () => {
    // Act
    const run = deploy({ ...BASE, heartbeat: 'on', heartbeatMinutes: 10 });

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const versions = find(run.yc, 'serverless', 'function', 'version', 'create');
    expect(versions.map((v) => [flag(v, '--function-name'), flag(v, '--entrypoint')])).toEqual([
      ['audit-responder-prod', 'index.handler'],
      ['audit-responder-prod-heartbeat', 'index.heartbeat'],
    ]);
    const [timer] = find(run.yc, 'serverless', 'trigger', 'create', 'timer');
    expect(flag(timer, '--name')).toBe('audit-responder-prod-heartbeat-trigger');
    expect(flag(timer, '--cron-expression')).toBe('0/10 * ? * * *');
    expect(flag(timer, '--invoke-function-id')).toBe(FN_ID);
    expect(flag(timer, '--invoke-function-service-account-id')).toBe(SA_ID);
    expect(find(run.yc, 'serverless', 'trigger', 'create', 'message-queue')).toEqual([]);
  });

  it('creates the queue function (index.queue), a Message Queue trigger on the backfill queue, and ymq.reader', () => {
    // Act
    const run = deploy({ ...BASE, backfillQueueId: QUEUE_ARN });

    // Assess
    expect(run.status).toBe(0);
    const versions = find(run.yc, 'serverless', 'function', 'version', 'create');
    expect(versions.map((v) => flag(v, '--entrypoint'))).toEqual(['index.handler', 'index.queue']);
    const [queue] = find(run.yc, 'serverless', 'trigger', 'create', 'message-queue');
    expect(flag(queue, '--queue')).toBe(QUEUE_ARN);
    expect(flag(queue, '--queue-service-account-id')).toBe(SA_ID);
    expect(flag(queue, '--invoke-function-id')).toBe(FN_ID);
    const folderRoles = find(run.yc, 'resource-manager', 'folder', 'add-access-binding').map((c) => flag(c, '--role'));
    expect(folderRoles).toEqual(['ymq.reader']);
    expect(find(run.yc, 'serverless', 'trigger', 'create', 'timer')).toEqual([]);
  });

  it('adds neither trigger by default', () => {
    const run = deploy(BASE);
    expect(run.status).toBe(0);
    expect(find(run.yc, 'serverless', 'function', 'version', 'create')).toHaveLength(1);
    expect(find(run.yc, 'serverless', 'trigger', 'create').map((c) => c[3])).toEqual(['object-storage']);
  });

  it.each([
    ['heartbeat', 'yes'],
    ['heartbeatMinutes', '15 * * * ? *'],
    ['heartbeatMinutes', 60],
    ['backfillQueueId', 'https://message-queue.api.cloud.yandex.net/b1gfolder00000000001/dj600000000000000000/backfill'],
    ['backfillQueueId', `${QUEUE_ARN} --invoke-function-id x`],
  ])('rejects %s = %j before calling yc, naming the key', (key, value) => {
    const run = deploy({ ...BASE, heartbeat: 'on', [key]: value });
    expect(run.status).toBe(64);
    expect(run.stderr).toContain(`deploy.yandex.${key}`);
    expect(run.yc).toEqual([]);
  });
});
