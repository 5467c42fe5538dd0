/**
 * `npm run iam [-- --stage NAME] [--check]`: writes config/<stage>.iam.json,
 * the statements of the function's IAM role, from the stage file: read the
 * audit-log prefix, read its own secrets, use its ledger table, and for
 * each remediation action the stage switches on, exactly the permissions it
 * declares on exactly the resources it declares (its own account's ARNs,
 * the region set as a condition), plus an explicit Deny on everything that
 * would let the function change its own role, its ledger table's policy or
 * its trail bucket's policy and ACL, or assume (or pass) a role it edited. `--check` fails when the file is out
 * of date (CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { loadConfig } from '../shared/config/load.js';
import type { RemediationAction } from '../shared/remediation/action.js';
import { enforcedActions } from '../shared/remediation/enabled.js';
import { ruleIds } from '../shared/rules/index.js';
import { SECRET_NAMES, secretDeployKey } from '../shared/secrets/ssm.js';

type Resource = string | { 'Fn::Sub': string } | { 'Fn::GetAtt': [string, string] };

interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: Resource | Resource[];
  Condition?: Record<string, Record<string, string | string[] | { 'Fn::Sub': string }>>;
}

/** Everything that changes a role, its policies or who may assume it: denied on the function's own role. */
export const ROLE_CHANGING_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
] as const;

/** The name serverless.yml gives the function's role (`provider.iam.role.name`). */
export function roleName(stage: string, region: string): string {
  return `audit-responder-${stage}-${region}-lambdaRole`;
}

/** `arn:{partition}:iam::{account}:user/*` → a CloudFormation `Fn::Sub` of the stack's partition and account. */
function resourceOf(pattern: string): Resource {
  if (pattern === '*') return pattern; // only for APIs without a resource type (account-level settings)
  if (!pattern.startsWith('arn:')) throw new Error(`resource pattern "${pattern}" is not an ARN`);
  if (!pattern.includes('{')) return pattern;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation `Fn::Sub` placeholders
  return { 'Fn::Sub': pattern.replace(/\{partition\}/g, '${AWS::Partition}').replace(/\{account\}/g, '${AWS::AccountId}') };
}

/** `aws-revoke-sg-ingress` → `RemediateAwsRevokeSgIngress`. */
const sidOf = (id: string) => `Remediate${id.replace(/(^|-)([a-z0-9])/g, (_, _d, c: string) => c.toUpperCase())}`;

/** The Allow statement of one action. */
function remediationStatement(action: RemediationAction, regions: readonly string[]): Statement {
  const condition: NonNullable<Statement['Condition']> = {};
  // S3 bucket and EC2 snapshot/image ARNs carry no account: only resources of the responder's own account.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation `Fn::Sub` placeholder
  if (action.accountCondition) condition.StringEquals = { 'aws:ResourceAccount': { 'Fn::Sub': '${AWS::AccountId}' } };
  // Every regional service written with a `*` region (EC2, RDS, CloudTrail, Lambda, KMS, ...) is narrowed to the region set.
  const regional = action.resources.some((r) => /^arn:[^:]+:[a-z0-9-]+:\*:/.test(r));
  if (regional && regions.length > 0) condition.StringEquals = { ...condition.StringEquals, 'aws:RequestedRegion': [...regions] };
  const resources = action.resources.map(resourceOf);
  return {
    Sid: sidOf(action.id),
    Effect: 'Allow',
    Action: [...action.permissions].sort(),
    Resource: resources.length === 1 ? (resources[0] as Resource) : resources,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

/** The role statements for one stage file. */
export function iamStatements(stageFile: string, stage: string): Statement[] {
  const config = loadConfig({ env: {}, file: stageFile, ruleIds, parseYaml: parse });
  const deploy = (parse(readFileSync(stageFile, 'utf8')) as { deploy?: Record<string, string> }).deploy ?? {};
  const bucket = deploy.trailBucket;
  if (!bucket) throw new Error(`${stageFile}: deploy.trailBucket is required`);
  if (!deploy.region) throw new Error(`${stageFile}: deploy.region is required`);
  const statements: Statement[] = [
    { Sid: 'ReadAuditLogObjects', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${bucket}/${deploy.trailPrefix ?? ''}*` },
    { Sid: 'Ledger', Effect: 'Allow', Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'], Resource: { 'Fn::GetAtt': ['LedgerTable', 'Arn'] } },
  ];
  if (deploy.kmsKeyArn) statements.push({ Sid: 'DecryptAuditLogs', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: deploy.kmsKeyArn });
  // Every secret a notifier declares may be an SSM parameter (`deploy.<name>Param`).
  const params = SECRET_NAMES.map((name) => deploy[secretDeployKey(name)]).filter((p): p is string => Boolean(p));
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
  const actions = enforcedActions(config, 'aws');
  for (const action of actions) statements.push(remediationStatement(action, config.remediation.regions ?? []));
  // Whatever is allowed above, the function can never promote itself or open what it reads and writes.
  statements.push(
    { Sid: 'DenyChangingOwnRole', Effect: 'Deny', Action: [...ROLE_CHANGING_ACTIONS], Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${roleName(stage, deploy.region)}` } },
    // A role it may edit (trust, inline policy) must not become a way up: it never assumes or passes roles.
    { Sid: 'DenyAssumingOrPassingRoles', Effect: 'Deny', Action: ['iam:PassRole', 'sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'], Resource: '*' },
    { Sid: 'DenyChangingLedgerPolicy', Effect: 'Deny', Action: ['dynamodb:DeleteResourcePolicy', 'dynamodb:PutResourcePolicy'], Resource: { 'Fn::GetAtt': ['LedgerTable', 'Arn'] } },
    {
      Sid: 'DenyChangingTrailBucketAccess',
      Effect: 'Deny',
      Action: ['s3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutBucketPolicy', 's3:PutBucketPublicAccessBlock', 's3:PutObjectAcl'],
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    },
  );
  return statements;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const { values } = parseArgs({ options: { stage: { type: 'string', default: 'dev' }, check: { type: 'boolean', default: false } } });
  const stage = values.stage ?? 'dev';
  const stageFile = `config/${stage}.yml`;
  const outputs: [string, string][] = [
    [`config/${stage}.iam.json`, `${JSON.stringify(iamStatements(stageFile, stage), null, 2)}\n`],
    // The functions read their config as JSON (no YAML parser at cold start).
    [`config/${stage}.json`, `${JSON.stringify(parse(readFileSync(stageFile, 'utf8')), null, 2)}\n`],
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
        process.stderr.write(`${target} is out of date: run \`npm run iam -- --stage ${stage}\` and commit it\n`);
        process.exit(1);
      }
      process.stdout.write(`${target} is up to date\n`);
    } else {
      writeFileSync(target, text);
      process.stdout.write(`wrote ${target}\n`);
    }
  }
}
