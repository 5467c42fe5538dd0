/**
 * The deployment config, checked offline: `serverless package` (osls) builds
 * the CloudFormation template and bundles, and we read them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { allRules } from '../../shared/rules/index.js';
import { readZip } from '../helpers/zip.js';

const root = new URL('../../', import.meta.url).pathname;
const stages: string[] = [];

interface Template {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

/** Package a stage made from config/dev.yml with `deploy` overrides; return the template and zip listing. */
function packageStage(name: string, deploy: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const base = parse(readFileSync(join(root, 'config/dev.yml'), 'utf8')) as Record<string, unknown>;
  const stage = { ...base, ...extra, deploy: { ...(base.deploy as object), ...deploy } };
  writeFileSync(join(root, `config/${name}.yml`), stringify(stage));
  stages.push(name);
  execFileSync('npx', ['tsx', 'scripts/iam.ts', '--stage', name], { cwd: root, stdio: 'pipe' });
  const out = mkdtempSync(join(tmpdir(), 'ar-sls-'));
  execFileSync('npx', ['serverless', 'package', '--stage', name, '--package', out], { cwd: root, stdio: 'pipe', env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' } });
  const template = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  const raw = readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8');
  const zipName = Object.keys(template.Resources).includes('AwsSqsLambdaFunction') ? 'awsSqs' : 'awsS3';
  const entries = readZip(join(out, `${zipName}.zip`));
  return { template, raw, entries, out };
}

afterAll(() => {
  for (const name of stages) {
    rmSync(join(root, `config/${name}.yml`), { force: true });
    rmSync(join(root, `config/${name}.iam.json`), { force: true });
    rmSync(join(root, `config/${name}.json`), { force: true });
  }
});

interface Statement {
  Sid?: string;
  Effect?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function statements(template: Template): Statement[] {
  const role = template.Resources.IamRoleLambdaExecution?.Properties as { Policies: { PolicyDocument: { Statement: [] } }[] };
  return role.Policies.flatMap((p) => p.PolicyDocument.Statement);
}

describe('serverless package (osls, offline)', () => {
  const s3 = packageStage('citests3', { trailBucket: 'acme-trail', trailPrefix: 'AWSLogs/111122223333/', telegramChatIds: '-100123' });

  it('triggers on the existing trail bucket with prefix and suffix filters', () => {
    const custom = Object.values(s3.template.Resources).find((r) => r.Type === 'Custom::S3');
    expect(custom?.Properties).toMatchObject({ BucketName: 'acme-trail', BucketConfigs: [{ Event: 's3:ObjectCreated:*' }] });
    expect(JSON.stringify(custom?.Properties)).toContain('{"Prefix":"AWSLogs/111122223333/"}');
    expect(JSON.stringify(custom?.Properties)).toContain('{"Suffix":".json.gz"}');
    const fn = s3.template.Resources.AwsS3LambdaFunction?.Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'functions/aws-s3.handler' });
  });

  it('keeps failed invocations: bounded retries and an on-failure queue', () => {
    const conf = s3.template.Resources.AwsS3LambdaEvConf?.Properties;
    expect(conf).toMatchObject({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] } } } });
    expect(s3.template.Resources.FailedInvocationsQueue?.Type).toBe('AWS::SQS::Queue');
  });

  it('grants least privilege: the log prefix, its own secrets and ledger, no * action', () => {
    const all = statements(s3.template);
    for (const st of all) for (const action of [st.Action].flat()) expect(action).not.toContain('*');
    expect(all).toContainEqual(expect.objectContaining({ Sid: 'ReadAuditLogObjects', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-trail/AWSLogs/111122223333/*' }));
    expect(all).toContainEqual(expect.objectContaining({ Sid: 'ReadOwnSecrets', Action: ['ssm:GetParameters'] }));
    expect(all.find((s) => s.Sid === 'Remediate')).toBeUndefined();
  });

  it('puts no secret in the template: only parameter names', () => {
    const env = (s3.template.Resources.AwsS3LambdaFunction?.Properties as unknown as { Environment: { Variables: Record<string, unknown> } } | undefined)?.Environment.Variables;
    expect(env).toMatchObject({ TELEGRAM_BOT_TOKEN_PARAM: '/audit-responder/dev/telegram-bot-token', SMTP_URL_PARAM: '/audit-responder/dev/smtp-url', TELEGRAM_CHAT_IDS: '-100123' });
    expect(env).not.toHaveProperty('TELEGRAM_BOT_TOKEN');
    expect(env).not.toHaveProperty('SMTP_URL');
    expect(s3.raw).not.toMatch(/\d{6,}:AA[A-Za-z0-9_-]{20,}/);
  });

  it('bundles one minified ESM handler under 1 MB with the stage config', () => {
    const names = s3.entries.map((e) => e.name);
    const main = s3.entries.find((e) => e.name === 'functions/aws-s3.mjs');
    expect(main?.size).toBeLessThan(1024 * 1024);
    expect(names).toContain('config/citests3.json');
    expect(names.filter((n) => /node_modules|\.ts$/.test(n))).toEqual([]);
  });

  it('adds exactly the permissions of the actions switched on, no * action', () => {
    const enforce = packageStage('citestenforce', {}, {
      remediation: { mode: 'enforce' },
      rules: { 'aws-ec2-sg-ingress-open': { remediate: true }, 'aws-iam-admin-policy-attached': { remediate: true } },
    });
    // #10: one statement per action (scoped to its resources) instead of one `Remediate` statement on `*`.
    const remediate = statements(enforce.template).filter((s) => s.Sid?.startsWith('Remediate'));
    expect(remediate.flatMap((s) => [s.Action].flat()).sort()).toEqual(['ec2:RevokeSecurityGroupIngress', 'iam:DetachGroupPolicy', 'iam:DetachRolePolicy', 'iam:DetachUserPolicy']);
  }, 60_000);

  describe('with every AWS rule remediating', () => {
    const every = Object.fromEntries(allRules.filter((r) => r.cloud === 'aws').map((r) => [r.id, { remediate: true }]));
    const all = packageStage('citestall', {}, { remediation: { mode: 'enforce', regions: ['eu-west-1', 'eu-central-1'] }, rules: every });
    const sts = statements(all.template);
    const remediate = sts.filter((s) => s.Effect === 'Allow' && s.Sid?.startsWith('Remediate'));
    const roleName = all.template.Resources.IamRoleLambdaExecution?.Properties.RoleName as string;
    const ACCOUNT = '123456789012';
    /** A resource as IAM sees it once CloudFormation substitutes the partition and account. */
    const resolve = (r: unknown): string => {
      const text = typeof r === 'string' ? r : JSON.stringify(r);
      const sub = typeof r === 'object' && r !== null && 'Fn::Sub' in r ? String((r as { 'Fn::Sub': unknown })['Fn::Sub']) : text;
      return sub.replace(/\$\{AWS::Partition\}/g, 'aws').replace(/\$\{AWS::AccountId\}/g, ACCOUNT);
    };
    const resources = (s: Statement) => [s.Resource].flat().map(resolve);
    const matches = (pattern: string, arn: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(arn);
    const ownRole = () => `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
    const changesRole = (action: string) => /^iam:(Put|Delete|Attach|Detach|Update|Tag|Untag)Role|^iam:UpdateAssumeRolePolicy$|^iam:PutRolePermissionsBoundary$/.test(action);

    it('scopes every remediation statement to the own account (IAM, EC2, RDS, … ARNs) or conditions it on it (S3, EC2 snapshots and images)', () => {
      expect(remediate.length).toBeGreaterThanOrEqual(13);
      for (const st of remediate) {
        for (const r of resources(st)) {
          // S3, EC2 snapshot and image ARNs carry no account: conditioned on it instead.
          if (r.startsWith('arn:aws:s3:::') || r === '*' || /^arn:aws:ec2:[a-z0-9*-]*::/.test(r)) {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation `Fn::Sub` placeholder
            expect(st.Condition?.StringEquals?.['aws:ResourceAccount'], st.Sid).toEqual({ 'Fn::Sub': '${AWS::AccountId}' });
          } else {
            expect(r, st.Sid).toMatch(new RegExp(`^arn:aws:(iam|ec2|rds|cloudtrail|lambda|kms|sqs|sns|secretsmanager|ecr|elasticfilesystem):[a-z0-9*-]*:${ACCOUNT}:([a-z-]+[/:])?\\*$`));
          }
        }
      }
      const sg = remediate.find((s) => s.Sid === 'RemediateAwsRevokeSgIngress');
      expect(resources(sg as Statement)).toEqual([`arn:aws:ec2:*:${ACCOUNT}:security-group/*`]);
      expect(sg?.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } });
      expect(resources(remediate.find((s) => s.Sid === 'RemediateAwsIamDetachPolicy') as Statement)).toEqual(['user', 'role', 'group'].map((k) => `arn:aws:iam::${ACCOUNT}:${k}/*`));
    });

    it('has no remediation statement that could modify the function\'s own role', () => {
      // Prepare: the explicit Deny on the own role (a Deny wins over any Allow).
      expect(roleName).toMatch(/^audit-responder-citestall-eu-west-1-lambdaRole$/);
      const denied = new Set(sts.filter((s) => s.Effect === 'Deny' && resources(s).some((r) => matches(r, ownRole()))).flatMap((s) => [s.Action].flat()));

      // Assess: no Allow names the own role, and every role-changing action an Allow could apply to it is denied on it.
      for (const st of sts.filter((s) => s.Effect !== 'Deny')) {
        expect(resources(st), st.Sid).not.toContain(ownRole());
        const reaches = resources(st).some((r) => matches(r, ownRole()));
        if (!reaches) continue;
        for (const action of [st.Action].flat().filter(changesRole)) expect(denied.has(action), `${st.Sid}: ${action} on the own role`).toBe(true);
      }
      expect([...denied]).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy']));
      // A role it edits (trust opened to itself, admin inline policy) cannot be a way up either.
      expect(sts).toContainEqual(expect.objectContaining({ Effect: 'Deny', Resource: '*', Action: expect.arrayContaining(['sts:AssumeRole', 'iam:PassRole']) }));
    });

    it('denies changing the ledger table policy and the trail bucket policy and ACLs', () => {
      expect(sts).toContainEqual(expect.objectContaining({ Sid: 'DenyChangingLedgerPolicy', Effect: 'Deny', Action: ['dynamodb:DeleteResourcePolicy', 'dynamodb:PutResourcePolicy'], Resource: { 'Fn::GetAtt': ['LedgerTable', 'Arn'] } }));
      const trail = sts.find((s) => s.Sid === 'DenyChangingTrailBucketAccess');
      expect(trail).toMatchObject({ Effect: 'Deny', Resource: ['arn:aws:s3:::my-org-cloudtrail-logs', 'arn:aws:s3:::my-org-cloudtrail-logs/*'] });
      expect(trail?.Action).toEqual(expect.arrayContaining(['s3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutBucketAcl']));
    });
  });

  it('switches to the SQS shape: queue, partial batch failures, dead-letter queue', () => {
    const sqs = packageStage('citestsqs', { trigger: 'sqs' });
    const mapping = Object.values(sqs.template.Resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
    expect(mapping?.Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(sqs.template.Resources.ObjectQueue?.Properties).toMatchObject({ RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] } } });
  }, 60_000);
});
