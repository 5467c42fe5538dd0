/**
 * The remediation gate against the ways enforce mode went wrong (#10), with
 * the real SDK clients against the local AWS recorder and a real ledger
 * (dynalite): a change in another account, an invocation killed while its
 * revoke was in flight, a concurrent invocation's live claim, identifiers
 * with dot segments, and a ledger that refuses connections.
 */
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import type { ConfigInput } from '../../shared/config/schema.js';
import type { Logger } from '../../shared/log.js';
import { createRemediator } from '../../shared/remediation/remediator.js';
import { rule as adminPolicy } from '../../shared/rules/aws-iam-admin-policy-attached.js';
import { rule as sgOpen } from '../../shared/rules/aws-ec2-sg-ingress-open.js';
import { rule as yandexPolicy } from '../../shared/rules/yandex-storage-policy-public.js';
import { ruleIds } from '../../shared/rules/index.js';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import type { Ledger } from '../../shared/store/ledger.js';
import type { Finding } from '../../shared/types.js';
import { type FakeAws, ec2Ok, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';
import { bucketFinding, sgFinding } from '../helpers/findings.js';
import { ownContext } from '../helpers/rules.js';
import { toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const root = new URL('../../', import.meta.url).pathname;
const OWN = '111122223333';
const REVOKED = '<return>true</return><revokedSecurityGroupRuleSet><item><securityGroupRuleId>sgr-0f00d</securityGroupRuleId></item></revokedSecurityGroupRuleSet>';
const STS_OK = queryOk(`<Arn>arn:aws:sts::${OWN}:assumed-role/audit-responder-prod-eu-west-1-lambdaRole/fn</Arn><UserId>AROAEXAMPLE:fn</UserId><Account>${OWN}</Account>`);
const on = (extra: ConfigInput['remediation'] = {}, rules: string[] = ['aws-ec2-sg-ingress-open']): ConfigInput => ({
  rules: Object.fromEntries(rules.map((id) => [id, { remediate: true }])),
  remediation: { mode: 'enforce', ...extra },
});

let aws: FakeAws;
let db: TestDynamo;
let logs: Record<string, unknown>[];
const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...fields }) };
beforeEach(async () => {
  aws = await startFakeAws();
  db = await startDynamo();
  logs = [];
});
afterEach(async () => {
  await aws.stop();
  await db.stop();
});

function remediator(config: ConfigInput, options: { owner?: string; waitMs?: number; leaseMs?: number } = {}) {
  return createRemediator({
    config: loadConfig({ env: { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify(config) }, ruleIds }),
    logger,
    aws: aws.context().aws,
    // Nothing here may reach a Yandex API: a request would fail the test, never leave loopback.
    yandex: { url: (_api, path) => `http://127.0.0.1:9${path}`, request: () => Promise.reject(new Error('no Yandex API in this test')) },
    ...(options.owner ? { owner: () => options.owner } : {}),
    ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
  });
}
const ledger = (): Ledger => dynamoLedger({ table: db.table, client: db.client });
const nonSts = () => aws.calls.filter((c) => c.action !== 'GetCallerIdentity');

/** An SSH-open finding logged in `account`. */
function sgIn(account: string): Finding {
  const record = cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    recipientAccountId: account,
    awsRegion: 'eu-central-1',
    requestParameters: { groupId: 'sg-0a1b2c3d4e5f60789', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
    responseElements: { _return: true },
  });
  const [finding] = sgOpen.match(toEvent(record), { ownAccounts: new Set([account]) });
  if (!finding) throw new Error('fixture did not fire');
  return finding;
}

/** AdministratorAccess attached to role ci-deploy, logged in `account`. */
function adminIn(account: string): Finding {
  const record = cloudTrailRecord({
    eventName: 'AttachRolePolicy',
    recipientAccountId: account,
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${account}:user/mallory`, accountId: account, userName: 'mallory' },
    requestParameters: { roleName: 'ci-deploy', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  });
  const [finding] = adminPolicy.match(toEvent(record), { ownAccounts: new Set([account]) });
  if (!finding) throw new Error('fixture did not fire');
  return finding;
}

describe('the account gate', () => {
  it.each([
    { name: 'a revoke (configured account)', finding: () => sgIn('444455556666'), rules: ['aws-ec2-sg-ingress-open'], accountId: OWN },
    { name: 'DetachRolePolicy ci-deploy (configured account)', finding: () => adminIn('444455556666'), rules: ['aws-iam-admin-policy-attached'], accountId: OWN },
    { name: 'a revoke (account learned with STS)', finding: () => sgIn('444455556666'), rules: ['aws-ec2-sg-ingress-open'], accountId: undefined },
  ])('sends no request for a change in another account: $name', async ({ finding, rules, accountId }) => {
    // Prepare
    aws.on('GetCallerIdentity', STS_OK);
    const remediate = remediator(on(accountId ? { accountId } : {}, rules));

    // Act
    const [out] = await remediate([finding()], ledger());

    // Assess
    expect(out?.remediationOutcome).toEqual({ status: 'skipped', reason: `change in account 444455556666; the responder acts in ${OWN} only` });
    expect(nonSts()).toEqual([]);
    expect(aws.calls.map((c) => c.action)).toEqual(accountId ? [] : ['GetCallerIdentity']);
  });

  it('acts in its own account, in the region of the event, asking STS once', async () => {
    // Prepare
    aws.on('GetCallerIdentity', STS_OK);
    aws.on('RevokeSecurityGroupIngress', ec2Ok(REVOKED));
    const remediate = remediator(on());

    // Act
    const [first] = await remediate([sgIn(OWN)], ledger());
    const [second] = await remediate([sgIn(OWN)], ledger());

    // Assess
    expect([first?.remediationOutcome?.status, second?.remediationOutcome?.status]).toEqual(['done', 'done']);
    expect(aws.calls.map((c) => [c.action, c.service, c.service === 'sts' ? 'the function region' : c.region])).toEqual([
      ['GetCallerIdentity', 'sts', 'the function region'],
      ['RevokeSecurityGroupIngress', 'ec2', 'eu-central-1'],
      ['RevokeSecurityGroupIngress', 'ec2', 'eu-central-1'],
    ]);
  });

  it('does not act when the account cannot be learned, and says so (retryable)', async () => {
    // Prepare: STS is not scripted (HTTP 501)
    const remediate = remediator(on());

    // Act
    const [out] = await remediate([sgIn(OWN)], ledger());

    // Assess
    expect(out?.remediationOutcome).toMatchObject({ status: 'skipped', retryable: true, reason: expect.stringMatching(/^not applied: cannot learn the responder's own account \(.+\); set remediation.accountId$/) });
    expect(nonSts()).toEqual([]);
  });

  it('skips a change outside remediation.regions', async () => {
    const remediate = remediator(on({ accountId: OWN, regions: ['eu-west-1'] }));
    const [out] = await remediate([sgIn(OWN)], ledger());
    expect(out?.remediationOutcome).toEqual({ status: 'skipped', reason: 'change in region eu-central-1; the responder acts in eu-west-1 only (remediation.regions)' });
    expect(aws.calls).toEqual([]);
  });
});

describe('the Yandex scope', () => {
  it.each([
    { name: 'another folder', scope: { folderIds: ['b1gfolder00000000002'] }, reason: 'change in folder b1gvmob95yexample001; the responder acts in folder b1gfolder00000000002 only (remediation.folderIds)' },
    { name: 'another cloud', scope: { cloudId: 'b1gcloud000000000002' }, reason: expect.stringMatching(/^change in cloud \S+; the responder acts in cloud b1gcloud000000000002 only \(remediation.cloudId\)$/) },
  ])('sends no request for a change in $name', async ({ scope, reason }) => {
    // Prepare
    const record = yandexEvent('storage', 'BucketPolicyUpdate', {
      bucket_id: 'acme-docs',
      policy_text: JSON.stringify({ Statement: [{ Sid: 'p', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs/*' }] }),
    });
    const [finding] = yandexPolicy.match(toYandexEvent(record), ownContext);
    const remediate = remediator(on(scope, ['yandex-storage-policy-public']));

    // Act
    const [out] = await remediate([finding as Finding], ledger());

    // Assess
    expect(finding?.event.scope.folder).toBe('b1gvmob95yexample001');
    expect(out?.remediationOutcome).toEqual({ status: 'skipped', reason });
  });
});

describe('typed plan targets', () => {
  it.each([
    { name: 'a key with a ".." segment', target: { key: '../acme-payroll/salaries.csv' }, reason: 'key: object key has a "." or ".." segment' },
    { name: 'a key with "." and ".." in the middle', target: { key: 'photos/./../../x' }, reason: 'key: object key has a "." or ".." segment' },
    { name: 'a key with backslash dot segments', target: { key: 'a\\..\\b' }, reason: 'key: object key has a "." or ".." segment' },
    { name: 'a key starting with "/"', target: { key: '/acme-payroll/x' }, reason: 'key: object key starts with "/"' },
    { name: 'a bucket with a dot pair', target: { bucket: 'acme..payroll' }, reason: 'bucket: not a bucket name (dot next to a dot or hyphen)' },
    { name: 'a bucket with a path', target: { bucket: 'acme/../payroll' }, reason: 'bucket: not a bucket name (3-63 of a-z 0-9 . -)' },
  ] as { name: string; target: Record<string, string>; reason: string }[])('skips $name without a request', async ({ target, reason }) => {
    // Prepare
    const base = bucketFinding('acme-media');
    const plan = base.remediation as NonNullable<Finding['remediation']>;
    const finding: Finding = { ...base, remediation: { ...plan, target: { ...plan.target, ...target } } };
    const remediate = remediator(on({ accountId: OWN }, ['aws-s3-acl-public']));

    // Act
    const [out] = await remediate([finding], ledger());

    // Assess
    expect(out?.remediationOutcome).toEqual({ status: 'skipped', reason: `malformed plan for aws-s3-remove-public-acl: ${reason}` });
    expect(aws.calls).toEqual([]);
  });

  it('gives a malformed plan the same outcome on both clouds', async () => {
    // Prepare: each plan without its bucket
    const aws0 = bucketFinding('acme-media');
    const record = yandexEvent('storage', 'BucketPolicyUpdate', {
      bucket_id: 'acme-docs',
      policy_text: JSON.stringify({ Statement: [{ Sid: 'p', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs/*' }] }),
    });
    const [yc0] = yandexPolicy.match(toYandexEvent(record), ownContext);
    const strip = (f: Finding): Finding => {
      const { bucket: _b, ...target } = f.remediation?.target ?? {};
      return { ...f, remediation: { ...(f.remediation as NonNullable<Finding['remediation']>), target } };
    };
    const remediate = remediator(on({ accountId: OWN }, ['aws-s3-acl-public', 'yandex-storage-policy-public']));

    // Act
    const out = await remediate([strip(aws0), strip(yc0 as Finding)], ledger());

    // Assess
    expect(out.map((f) => f.remediationOutcome)).toEqual([
      { status: 'skipped', reason: 'malformed plan for aws-s3-remove-public-acl: bucket: Required' },
      { status: 'skipped', reason: 'malformed plan for yandex-storage-remove-public-policy: bucket: Required' },
    ]);
  });
});

describe('the action deadline', () => {
  it('cuts an action whose API call never answers at the deadline the invocation gives it, and aborts the request', async () => {
    // Prepare: the recorder never answers the revoke; the invocation has 1.5 s left, 0.3 s of it kept for notifying.
    aws.on('RevokeSecurityGroupIngress', () => new Promise(() => {}));
    const call = { owner: 'short-invocation', deadline: { remainingMs: () => 1_500 }, notifyReserveMs: 300 };

    // Act
    const [out] = await remediator(on({ accountId: OWN }))([sgFinding()], ledger(), call);

    // Assess: failed at its 1.2 s deadline (not the SDK's 5 s request timeout), the request abandoned by the client.
    expect(out?.remediationOutcome).toEqual({ status: 'failed', reason: 'aws-revoke-sg-ingress did not finish within 1.2s; its state is read again on retry' });
    await vi.waitFor(() => expect(aws.abandoned.map((c) => c.action)).toEqual(['RevokeSecurityGroupIngress']), { timeout: 2_000 });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'remediation', action: 'aws-revoke-sg-ingress', status: 'failed' }));
  });
});

describe('exactly once through the ledger', () => {
  it('retries a revoke cut off by a killed invocation and reports done', async () => {
    // Prepare: the first revoke hangs; the child invocation is killed (SIGKILL) while it is in flight.
    let seen!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      seen = resolve;
    });
    aws.on('RevokeSecurityGroupIngress', () => {
      seen();
      return new Promise(() => {});
    }, ec2Ok(REVOKED));
    const finding = sgFinding();
    const child = spawn('npx', ['tsx', 'test/remediation/fixtures/remediate-child.ts'], {
      cwd: root,
      env: { ...process.env, AWS_ENDPOINT: aws.endpoint, LEDGER_ENDPOINT: db.endpoint, LEDGER_TABLE: db.table, LEASE_MS: '1500', OWNER: 'killed-invocation', FINDING: JSON.stringify(finding) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let childOut = '';
    child.stdout.on('data', (d: Buffer) => {
      childOut += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)));
    await inFlight;
    process.kill(-(child.pid as number), 'SIGKILL');
    expect(await exited).toBe(-9);

    // Act: the retry finds the claim without completion; once its lease ends it takes over.
    const [retried] = await remediator(on({ accountId: OWN }), { owner: 'retry-invocation', waitMs: 20_000 })([finding], ledger());

    // Assess
    expect(childOut).toBe('');
    expect(retried?.remediationOutcome).toMatchObject({
      status: 'done',
      reason: 'revoked sgr-0f00d from sg-0a1b2c3d4e5f60789 (an earlier delivery was cut off before recording an outcome; the current state was read again)',
    });
    expect(aws.calls.map((c) => [c.action, c.region, c.params.GroupId])).toEqual([
      ['RevokeSecurityGroupIngress', 'eu-west-1', 'sg-0a1b2c3d4e5f60789'],
      ['RevokeSecurityGroupIngress', 'eu-west-1', 'sg-0a1b2c3d4e5f60789'],
    ]);
    expect(logs).toContainEqual(expect.objectContaining({ message: 'remediation claim taken over', owner: 'retry-invocation' }));
  }, 60_000);

  it('defers, without acting or claiming success, while another invocation holds a live claim', async () => {
    // Prepare
    const shared = ledger();
    const finding = sgFinding();
    await shared.acquire(`remediation:${finding.dedupKey}`, { owner: 'other-invocation', leaseMs: 60_000 });

    // Act
    const [out] = await remediator(on({ accountId: OWN }), { waitMs: 300 })([finding], shared);

    // Assess
    expect(out?.remediationOutcome).toEqual({
      status: 'skipped',
      retryable: true,
      reason: expect.stringMatching(/^deferred: another invocation \(other-invocation\) is applying this remediation \(claim until \d{4}-.+Z\); not applied by this delivery, to be retried$/),
    });
    expect(aws.calls).toEqual([]);
  });

  it('acts once for two concurrent invocations; the other reports the outcome it waited for', async () => {
    // Prepare: a slow revoke
    aws.on('RevokeSecurityGroupIngress', (call) => new Promise((resolve) => setTimeout(() => resolve((ec2Ok(REVOKED) as (c: typeof call) => never)(call)), 400)));

    const finding = sgFinding();

    // Act
    const [a, b] = await Promise.all([
      remediator(on({ accountId: OWN }), { owner: 'invocation-a', waitMs: 10_000 })([finding], ledger()),
      remediator(on({ accountId: OWN }), { owner: 'invocation-b', waitMs: 10_000 })([finding], ledger()),
    ]);

    // Assess
    const reasons = [a?.[0]?.remediationOutcome?.reason, b?.[0]?.remediationOutcome?.reason].sort();
    expect(reasons).toEqual([expect.stringMatching(/^done by an earlier delivery at .+Z: revoked sgr-0f00d from sg-0a1b2c3d4e5f60789$/), 'revoked sgr-0f00d from sg-0a1b2c3d4e5f60789']);
    expect(aws.calls.filter((c) => c.action === 'RevokeSecurityGroupIngress')).toHaveLength(1);
  });

  it('acts on nothing when the ledger refuses connections, and names it', async () => {
    // Prepare: nothing listens on port 9
    const down = dynamoLedger({ table: 'audit-responder-ledger', clientConfig: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 } });

    // Act
    const [out] = await remediator(on({ accountId: OWN }))([sgFinding()], down);

    // Assess
    expect(out?.remediationOutcome).toMatchObject({
      status: 'skipped',
      retryable: true,
      reason: expect.stringMatching(/^not applied: ledger unavailable \(dynamodb:audit-responder-ledger: .*ECONNREFUSED.*\); nothing is changed without a claim$/),
    });
    expect(aws.calls).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'remediation not applied: ledger unavailable', ledger: 'dynamodb:audit-responder-ledger' }));
  });
});
