/**
 * deploy/yandex/deploy.sh run for real, with fake `yc`, `npm` and `npx` on
 * PATH (small scripts that record their argv), in a copy of the repo layout
 * holding only the script and a stage file. Checks that config values cannot
 * add environment variables or reach `yc` unvalidated, and that the service
 * account gets resource-level bindings.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { secretNamesLine } from '../../scripts/secret-names.js';
import { NOTIFIERS } from '../../shared/notifiers/index.js';

const root = new URL('../../', import.meta.url).pathname;
const SA_ID = 'ajeserviceacc0unt001';
const FN_ID = 'd4efunction000000001';
const HOSTILE = 'a@x,REMEDIATION_MODE=enforce,TELEGRAM_API_ROOT=https://attacker.example';

const VALID = {
  folderId: 'b1gfolder00000000001',
  trailBucket: 'acme-audit-trail',
  trailPrefix: 'trails/',
  lockboxSecretId: 'e6qsecret00000000001',
  ledgerEndpoint: 'https://docapi.serverless.yandexcloud.net/ru-central1/b1gcloud000000000001/etndatabase000000001',
  ledgerTable: 'audit-responder-ledger',
  deadLetterQueueId: 'yrn:yc:ymq:ru-central1:b1gfolder00000000001:audit-dlq',
  telegramChatIds: '-1001234567890:42@high,@acme_oncall@critical',
  emailFrom: 'Audit Responder <alerts@acme.example>',
  emailTo: 'secops@acme.example,oncall+yc@acme.example',
};

/** Fake `yc`: append argv as one JSON line; answer `get --format json` with an id; no trigger exists yet. */
const FAKE_YC = `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify(['yc', ...args]) + '\\n');
if (args[1] === 'trigger' && args[2] === 'get') process.exit(1);
if (args.includes('get') && args.includes('json')) {
  process.stdout.write(JSON.stringify({ id: args[0] === 'iam' ? '${SA_ID}' : '${FN_ID}' }));
}
`;
/**
 * Fake `npm` and `npx`: record argv; `npx` prints the remediation roles it is
 * given, or for `scripts/secret-names.ts` what that script prints here.
 */
const fakeTool = (name: string) => `#!/usr/bin/env node
require('fs').appendFileSync(process.env.FAKE_LOG, JSON.stringify(['${name}', ...process.argv.slice(2)]) + '\\n');
const secretNames = process.argv.includes('scripts/secret-names.ts');
if ('${name}' === 'npx') process.stdout.write((secretNames ? process.env.FAKE_SECRETS : process.env.FAKE_ROLES) ?? '');
`;

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly calls: string[][];
}

function deploy(yandex: Record<string, unknown>, options: { stage?: string; roles?: string } = {}): Run {
  // Prepare: the repo layout the script expects, with fakes first on PATH.
  const dir = mkdtempSync(join(tmpdir(), 'ar-yc-deploy-'));
  mkdirSync(join(dir, 'deploy/yandex'), { recursive: true });
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'deploy/yandex/deploy.sh'), readFileSync(join(root, 'deploy/yandex/deploy.sh')));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const stage = options.stage ?? 'prod';
  if (/^[a-z0-9-]+$/.test(stage)) writeFileSync(join(dir, 'config', `${stage}.yml`), stringify({ deploy: { yandex } }));
  for (const [name, text] of [['yc', FAKE_YC], ['npm', fakeTool('npm')], ['npx', fakeTool('npx')]] as const) {
    writeFileSync(join(dir, 'bin', name), text);
    chmodSync(join(dir, 'bin', name), 0o755);
  }
  const log = join(dir, 'calls.jsonl');
  const result = spawnSync('bash', [join(dir, 'deploy/yandex/deploy.sh'), stage], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, FAKE_LOG: log, FAKE_ROLES: options.roles ?? '', FAKE_SECRETS: secretNamesLine(), HOME: dir },
    timeout: 60_000,
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : [];
  return { status: result.status, stderr: result.stderr, calls };
}

/** How `yc` reads one `--environment` argument (pflag stringToString): one `=` is taken whole, more are CSV. */
function ycEnvironment(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  argv.forEach((arg, i) => {
    if (arg !== '--environment') return;
    const value = argv[i + 1] ?? '';
    const pairs = (value.match(/=/g) ?? []).length === 1 ? [value.replace(/^"+|"+$/g, '')] : value.split(',');
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at < 0) throw new Error(`yc would reject ${pair}`);
      out.set(pair.slice(0, at), pair.slice(at + 1));
    }
  });
  return out;
}

const ycCalls = (run: Run) => run.calls.filter((c) => c[0] === 'yc').map((c) => c.slice(1));
const find = (run: Run, ...words: string[]) => ycCalls(run).filter((c) => words.every((w, i) => c[i] === w));

describe('deploy/yandex/deploy.sh', () => {
  it('passes each variable in its own --environment flag: exactly the expected variables, lists intact', () => {
    // Act
    const run = deploy(VALID, { roles: 'vpc.securityGroups.admin' });

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [create] = find(run, 'serverless', 'function', 'version', 'create');
    const env = ycEnvironment(create ?? []);
    expect(Object.fromEntries(env)).toEqual({
      AUDIT_RESPONDER_CONFIG: 'config/prod.json',
      LEDGER_TABLE: VALID.ledgerTable,
      LEDGER_ENDPOINT: VALID.ledgerEndpoint,
      LEDGER_REGION: 'ru-central1',
      TELEGRAM_CHAT_IDS: VALID.telegramChatIds,
      EMAIL_FROM: VALID.emailFrom,
      EMAIL_TO: VALID.emailTo,
      RESPONDER_PRINCIPAL_ARN: SA_ID,
    });
    const [trigger] = find(run, 'serverless', 'trigger', 'create');
    expect(trigger).toEqual(expect.arrayContaining(['--bucket-id', VALID.trailBucket, '--prefix', VALID.trailPrefix, '--dlq-queue-id', VALID.deadLetterQueueId]));
  });

  it('maps every secret a notifier declares to a key of the Lockbox secret', () => {
    // Prepare
    const declared = NOTIFIERS.flatMap((n) => n.settings.secretNames);

    // Act
    const run = deploy(VALID, { roles: 'vpc.securityGroups.admin' });

    // Assess
    expect(run.status).toBe(0);
    const [create] = find(run, 'serverless', 'function', 'version', 'create');
    const secrets = (create ?? []).flatMap((arg, i, all) => (arg === '--secret' ? [all[i + 1]] : []));
    expect(secrets).toEqual(declared.map((name) => `id=${VALID.lockboxSecretId},key=${name},environment-variable=${name}`));
  });

  it('binds storage.viewer, lockbox.payloadViewer and ydb.editor on the one bucket, secret and database', () => {
    // Act
    const run = deploy(VALID, { roles: 'vpc.securityGroups.admin storage.admin' });

    // Assess
    expect(run.status).toBe(0);
    const sa = ['--service-account-id', SA_ID];
    expect(find(run, 'storage', 'bucket', 'add-access-binding')).toEqual([[
      'storage', 'bucket', 'add-access-binding', VALID.trailBucket, '--role', 'storage.viewer', ...sa]]);
    expect(find(run, 'lockbox', 'secret', 'add-access-binding')).toEqual([[
      'lockbox', 'secret', 'add-access-binding', '--id', VALID.lockboxSecretId, '--role', 'lockbox.payloadViewer', ...sa]]);
    expect(find(run, 'ydb', 'database', 'add-access-binding')).toEqual([[
      'ydb', 'database', 'add-access-binding', '--id', 'etndatabase000000001', '--role', 'ydb.editor', ...sa]]);
    expect(find(run, 'serverless', 'function', 'add-access-binding')).toEqual([[
      'serverless', 'function', 'add-access-binding', '--id', FN_ID, '--role', 'functions.functionInvoker', ...sa]]);
    const folderRoles = find(run, 'resource-manager', 'folder', 'add-access-binding').map((c) => c[c.indexOf('--role') + 1]);
    expect(folderRoles.sort()).toEqual(['storage.admin', 'vpc.securityGroups.admin', 'ymq.writer']);
  });

  it('grants nothing folder-wide without enabled remediation or a dead-letter queue', () => {
    const run = deploy({ ...VALID, deadLetterQueueId: '' });
    expect(run.status).toBe(0);
    expect(find(run, 'resource-manager')).toEqual([]);
    const [trigger] = find(run, 'serverless', 'trigger', 'create');
    expect(trigger).toContain('--invoke-function-id');
    expect(trigger).not.toContain('--dlq-queue-id');
  });

  it.each([
    ['emailTo', HOSTILE],
    ['emailFrom', HOSTILE],
    ['telegramChatIds', `-100123,${HOSTILE}`],
    ['telegramChatIds', '-100123\nREMEDIATION_MODE=enforce'],
    ['folderId', 'b1gfolder00000000001 --cloud-id x'],
    ['lockboxSecretId', 'e6q,environment-variable=AWS_SECRET'],
    ['ledgerEndpoint', 'https://attacker.example/ru-central1/b1gcloud000000000001/etndatabase000000001'],
    ['ledgerTable', 'ledger,LEDGER_ENDPOINT=https://attacker.example'],
    ['trailBucket', 'Bad_Bucket;touch pwned'],
    ['trailPrefix', 'trails/$(touch pwned)'],
    ['deadLetterQueueId', 'queue"quoted'],
  ])('rejects %s = %j before calling yc, naming the key', (key, value) => {
    // Act
    const run = deploy({ ...VALID, [key]: value });

    // Assess
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`deploy.yandex.${key} in config/prod.yml must be`);
    expect(run.calls).toEqual([]);
  });

  it('rejects a stage name that is not a plain word, and a value that is not a string', () => {
    const badStage = deploy(VALID, { stage: '../etc' });
    const notString = deploy({ ...VALID, emailTo: ['a@x.example', 'REMEDIATION_MODE=enforce'] });
    expect(badStage.status).not.toBe(0);
    expect(badStage.stderr).toContain('STAGE is lower-case letters');
    expect(notString.status).not.toBe(0);
    expect(notString.stderr).toContain('deploy.yandex.emailTo must be a string');
    expect([...badStage.calls, ...notString.calls]).toEqual([]);
  });
});
