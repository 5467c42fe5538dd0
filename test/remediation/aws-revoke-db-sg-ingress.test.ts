import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-revoke-db-sg-ingress.js';
import { rule } from '../../shared/rules/aws-rds-db-sg-ingress-open.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

/** A finding from AuthorizeDBSecurityGroupIngress as RDS logs it (note the `cIDRIP` casing). */
function finding(cidr = '0.0.0.0/0'): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'rds.amazonaws.com',
    eventName: 'AuthorizeDBSecurityGroupIngress',
    awsRegion: 'us-west-2',
    requestParameters: { dBSecurityGroupName: 'billing-db', cIDRIP: cidr },
    responseElements: { dBSecurityGroupName: 'billing-db', dBSecurityGroupDescription: 'billing', iPRanges: [], eC2SecurityGroups: [] },
  });
  return findingFor(rule, record);
}
const revoking = queryOk(
  '<DBSecurityGroup><DBSecurityGroupName>billing-db</DBSecurityGroupName><IPRanges><IPRange><CIDRIP>0.0.0.0/0</CIDRIP><Status>revoking</Status></IPRange><IPRange><CIDRIP>10.0.0.0/8</CIDRIP><Status>authorized</Status></IPRange></IPRanges></DBSecurityGroup>',
);

describe('aws-revoke-db-sg-ingress', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it.each([
    { name: '0.0.0.0/0', logged: '0.0.0.0/0' },
    { name: 'an anonymized /0 (revoked as 0.0.0.0/0)', logged: '10.20.30.40/0' },
  ])('revokes exactly that CIDR for $name', async ({ logged }) => {
    // Prepare
    const { finding: f, plan } = finding(logged);
    aws.on('RevokeDBSecurityGroupIngress', revoking);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([
      ['rds', 'us-west-2', 'RevokeDBSecurityGroupIngress', { DBSecurityGroupName: 'billing-db', CIDRIP: '0.0.0.0/0' }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: 'revoked 0.0.0.0/0 from DB security group billing-db',
      changes: [{ dbSecurityGroupName: 'billing-db', cidr: '0.0.0.0/0' }],
    });
  });

  it.each([
    { name: 'the authorization is gone', answer: queryError(404, 'AuthorizationNotFound', 'Specified CIDRIP or EC2 security group is not authorized for the specified DB security group.'), code: 'AuthorizationNotFound' },
    { name: 'the group is gone', answer: queryError(404, 'DBSecurityGroupNotFound', 'DBSecurityGroup billing-db not found.'), code: 'DBSecurityGroupNotFound' },
  ])('is already fixed when $name', async ({ answer, code }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('RevokeDBSecurityGroupIngress', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: `DB security group billing-db no longer allows 0.0.0.0/0 (${code})` });
  });

  it('fails with the AWS error when the group is in a bad state', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('RevokeDBSecurityGroupIngress', queryError(400, 'InvalidDBSecurityGroupState', 'The DB security group is not available.'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({
      status: 'failed',
      reason: 'revoking 0.0.0.0/0 from DB security group billing-db: InvalidDBSecurityGroupState: The DB security group is not available.',
    });
  });
});
