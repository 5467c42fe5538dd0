/**
 * `npm run iam [-- --stage NAME] [--check]`: writes config/<stage>.iam.json,
 * the statements of the function's IAM role, from the stage file: read the
 * audit-log prefix, read its own secrets, use its ledger table, and exactly
 * the permissions that the enabled remediation actions declare. `--check`
 * fails when the file is out of date (CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { loadConfig } from '../shared/config/load.js';
import { actionsById } from '../shared/remediation/index.js';
import { allRules, ruleIds } from '../shared/rules/index.js';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: unknown;
}

/** The role statements for one stage file. */
export function iamStatements(stageFile: string): Statement[] {
  const config = loadConfig({ env: {}, file: stageFile, ruleIds, parseYaml: parse });
  const deploy = (parse(readFileSync(stageFile, 'utf8')) as { deploy?: Record<string, string> }).deploy ?? {};
  const bucket = deploy.trailBucket;
  if (!bucket) throw new Error(`${stageFile}: deploy.trailBucket is required`);
  const statements: Statement[] = [
    { Sid: 'ReadAuditLogObjects', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${bucket}/${deploy.trailPrefix ?? ''}*` },
    { Sid: 'Ledger', Effect: 'Allow', Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'], Resource: { 'Fn::GetAtt': ['LedgerTable', 'Arn'] } },
  ];
  if (deploy.kmsKeyArn) statements.push({ Sid: 'DecryptAuditLogs', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: deploy.kmsKeyArn });
  const params = [deploy.telegramBotTokenParam, deploy.smtpUrlParam].filter((p): p is string => Boolean(p));
  if (params.length > 0) {
    statements.push({ Sid: 'ReadOwnSecrets', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: params.map((p) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${p}` })) });
  }
  // Silence alarm (issue #14): list the watched prefixes when the ledger has no arrival marks yet.
  if (config.heartbeat) {
    const buckets = [...new Set(config.heartbeat.prefixes.map((p) => p.slice(0, p.indexOf('/'))))];
    statements.push({ Sid: 'HeartbeatListPrefixes', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: buckets.map((b) => `arn:aws:s3:::${b}`) });
  }
  // Trail context (issue #14): read the trails at cold start when allowed.
  if (config.tampering?.describeTrails) statements.push({ Sid: 'DescribeTrails', Effect: 'Allow', Action: ['cloudtrail:DescribeTrails'], Resource: '*' });
  if (config.remediation.mode === 'enforce') {
    const enabled = allRules.filter((r) => r.cloud === 'aws' && config.rules[r.id]?.remediate && config.rules[r.id]?.enabled !== false);
    const actions = new Set<string>();
    for (const rule of enabled) {
      for (const id of rule.remediations) {
        const action = actionsById.get(id);
        if (!action) throw new Error(`rule ${rule.id}: remediation action ${id} is not available`);
        for (const permission of action.permissions) actions.add(permission);
      }
    }
    if (actions.size > 0) statements.push({ Sid: 'Remediate', Effect: 'Allow', Action: [...actions].sort(), Resource: '*' });
  }
  return statements;
}

const { values } = parseArgs({ options: { stage: { type: 'string', default: 'dev' }, check: { type: 'boolean', default: false } } });
const stageFile = `config/${values.stage}.yml`;
const outputs: [string, string][] = [
  [`config/${values.stage}.iam.json`, `${JSON.stringify(iamStatements(stageFile), null, 2)}\n`],
  // The functions read their config as JSON (no YAML parser at cold start).
  [`config/${values.stage}.json`, `${JSON.stringify(parse(readFileSync(stageFile, 'utf8')), null, 2)}\n`],
];
for (const [target, text] of outputs) {
  if (values.check) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== text) {
      process.stderr.write(`${target} is out of date: run \`npm run iam -- --stage ${values.stage}\` and commit it\n`);
      process.exit(1);
    }
    process.stdout.write(`${target} is up to date\n`);
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
  }
}
