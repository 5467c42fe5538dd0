import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-iam-deny-role-trust.js';
import { rule } from '../../shared/rules/aws-iam-role-trust-open.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const OUTSIDE = 'arn:aws:iam::999988887777:root';
const OWN_CI = 'arn:aws:iam::111122223333:role/ci';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const assume = (Principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra });
const ec2 = assume({ Service: 'ec2.amazonaws.com' });
const anyone = assume('*', { Condition: { StringEquals: { 'sts:ExternalId': 'shared-secret' } } });
const orgOnly = assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
const mixed = assume({ AWS: [OUTSIDE, OWN_CI] });
const outsideOnly = assume({ AWS: OUTSIDE }, { Sid: 'Vendor' });

/** A finding from UpdateAssumeRolePolicy as IAM logs it: it trusts anyone and account 999988887777. */
function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateAssumeRolePolicy',
    requestParameters: { roleName: 'ops-admin', policyDocument: JSON.stringify(doc(ec2, anyone, mixed)) },
  });
  return findingFor(rule, record);
}
/** GetRole as IAM answers it: the trust policy URL-encoded. */
const role = (trust: object) =>
  queryOk(
    `<Role><Path>/</Path><RoleName>ops-admin</RoleName><RoleId>AROAEXAMPLEROLEID0002</RoleId><Arn>arn:aws:iam::111122223333:role/ops-admin</Arn><CreateDate>2026-10-01T12:00:00Z</CreateDate><AssumeRolePolicyDocument>${encodeURIComponent(JSON.stringify(trust))}</AssumeRolePolicyDocument></Role>`,
  );

describe('aws-iam-deny-role-trust', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('drops the public statement, takes the outside account out, and keeps the rest of the CURRENT trust', async () => {
    // Prepare: the current trust also has a vendor statement (outside only) and an org-restricted one added since.
    const { finding: f, plan } = finding();
    aws.on('GetRole', role(doc(ec2, anyone, mixed, outsideOnly, orgOnly)));
    aws.on('UpdateAssumeRolePolicy', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action])).toEqual([
      ['iam', 'us-east-1', 'GetRole'],
      ['iam', 'us-east-1', 'UpdateAssumeRolePolicy'],
    ]);
    expect(aws.calls[0]?.params).toEqual({ RoleName: 'ops-admin' });
    expect(aws.calls[1]?.params.RoleName).toBe('ops-admin');
    expect(JSON.parse(aws.calls[1]?.params.PolicyDocument ?? '')).toEqual(doc(ec2, assume({ AWS: [OWN_CI] }), orgOnly));
    expect(result).toEqual({
      status: 'done',
      reason: `removed 2 statement(s) and took out ${OUTSIDE} from the trust policy of role ops-admin, kept 3 statement(s)`,
      changes: [{ roleName: 'ops-admin', removedStatements: [anyone, outsideOnly], removedPrincipals: [OUTSIDE, OUTSIDE], keptStatements: [ec2, assume({ AWS: [OWN_CI] }), orgOnly] }],
    });
  });

  it('puts the deny-all containment policy when no trust statement would remain', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('GetRole', role(doc(anyone, outsideOnly)));
    aws.on('PutRolePolicy', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.action, c.params])).toEqual([
      ['GetRole', { RoleName: 'ops-admin' }],
      [
        'PutRolePolicy',
        {
          RoleName: 'ops-admin',
          PolicyName: 'audit-responder-containment',
          PolicyDocument: JSON.stringify(doc({ Sid: 'AuditResponderContainment', Effect: 'Deny', Action: '*', Resource: '*' })),
        },
      ],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason:
        'every trust statement of role ops-admin was offending and a trust policy cannot be empty: put inline policy audit-responder-containment denying * on * instead (trust left as is; fix it and delete that policy by hand)',
      changes: [{ roleName: 'ops-admin', removedStatements: [anyone, outsideOnly], removedPrincipals: [OUTSIDE], containmentPolicy: 'audit-responder-containment' }],
    });
  });

  it.each([
    { name: 'the trust no longer has them', answer: role(doc(ec2, assume({ AWS: OWN_CI }), orgOnly)), reason: 'the trust policy of role ops-admin no longer trusts anyone or the outside accounts' },
    { name: 'the role is gone', answer: queryError(404, 'NoSuchEntity', 'The role with name ops-admin cannot be found.'), reason: 'role ops-admin no longer exists (NoSuchEntity)' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('GetRole', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(aws.calls.map((c) => c.action)).toEqual(['GetRole']);
  });

  it('fails with the AWS error when the update is rejected', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('GetRole', role(doc(ec2, anyone)));
    aws.on('UpdateAssumeRolePolicy', queryError(400, 'MalformedPolicyDocument', 'Has prohibited field Resource'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: 'updating the trust policy of role ops-admin: MalformedPolicyDocument: Has prohibited field Resource' });
  });
});
