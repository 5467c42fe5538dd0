import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-revoke-sg-ingress.js';
import { rule } from '../../shared/rules/aws-ec2-sg-ingress-open.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, ec2Error, ec2Ok, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const GROUP = 'sg-0a1b2c3d4e5f60789';

/** A finding from AuthorizeSecurityGroupIngress as CloudTrail logs it. */
function finding(permissions: Record<string, unknown>[], ruleSet: Record<string, unknown>[] = []): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: { groupId: GROUP, ipPermissions: { items: permissions } },
    responseElements: { requestId: 'req-0001', _return: true, securityGroupRuleSet: { items: ruleSet } },
  });
  return findingFor(rule, record);
}
const ssh = { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }, { cidrIp: '10.0.0.0/8' }] } };
const sshRule = { groupId: GROUP, securityGroupRuleId: 'sgr-0a7d3c9e5b1f24680', isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' };
const withRuleId = () => finding([ssh], [sshRule]);

describe('aws-revoke-sg-ingress', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('revokes by rule id when the log gave it', async () => {
    // Prepare
    const { finding: f, plan } = withRuleId();
    aws.on('RevokeSecurityGroupIngress', ec2Ok('<return>true</return><revokedSecurityGroupRuleSet><item><securityGroupRuleId>sgr-0a7d3c9e5b1f24680</securityGroupRuleId></item></revokedSecurityGroupRuleSet>'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([
      ['ec2', 'eu-west-1', 'RevokeSecurityGroupIngress', { GroupId: GROUP, 'SecurityGroupRuleId.1': 'sgr-0a7d3c9e5b1f24680' }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: `revoked sgr-0a7d3c9e5b1f24680 from ${GROUP}`,
      changes: [{ groupId: GROUP, ruleIds: ['sgr-0a7d3c9e5b1f24680'], revokedRuleIds: ['sgr-0a7d3c9e5b1f24680'] }],
    });
  });

  it.each([
    {
      name: 'an IPv4 rule (only the /0 range, not 10.0.0.0/8)',
      permission: ssh,
      params: { GroupId: GROUP, 'IpPermissions.1.IpProtocol': 'tcp', 'IpPermissions.1.FromPort': '22', 'IpPermissions.1.ToPort': '22', 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
    },
    {
      name: 'an all-traffic IPv6 rule',
      permission: { ipProtocol: '-1', ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] } },
      params: { GroupId: GROUP, 'IpPermissions.1.IpProtocol': '-1', 'IpPermissions.1.Ipv6Ranges.1.CidrIpv6': '::/0' },
    },
    {
      name: 'an anonymized /0 (revoked as 0.0.0.0/0)',
      permission: { ipProtocol: 'tcp', fromPort: 3389, toPort: 3389, ipRanges: { items: [{ cidrIp: '208.236.235.254/0' }] } },
      params: { GroupId: GROUP, 'IpPermissions.1.IpProtocol': 'tcp', 'IpPermissions.1.FromPort': '3389', 'IpPermissions.1.ToPort': '3389', 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
    },
  ])('revokes by exact content $name when the log has no rule id', async ({ permission, params }) => {
    // Prepare
    const { finding: f, plan } = finding([permission]);
    aws.on('RevokeSecurityGroupIngress', ec2Ok());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.action, c.params])).toEqual([['RevokeSecurityGroupIngress', params]]);
    expect(result).toMatchObject({ status: 'done', reason: `revoked 1 permission(s) from ${GROUP}`, changes: [{ groupId: GROUP, permissions: plan.target.permissions }] });
  });

  it.each([
    { name: 'the rule id is gone', answer: ec2Error('InvalidSecurityGroupRuleId.NotFound', "The security group rule ID 'sgr-0a7d3c9e5b1f24680' does not exist") },
    { name: 'the permission is gone', answer: ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.') },
    { name: 'the group is gone', answer: ec2Error('InvalidGroup.NotFound', `The security group '${GROUP}' does not exist`) },
  ])('is already fixed when $name', async ({ answer }) => {
    // Prepare
    const { finding: f, plan } = withRuleId();
    aws.on('RevokeSecurityGroupIngress', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: expect.stringMatching(new RegExp(`^${GROUP} no longer has those rules \\(Invalid`)) });
  });

  it('is already fixed when EC2 answers that every permission was unknown', async () => {
    // Prepare
    const { finding: f, plan } = finding([ssh]);
    aws.on('RevokeSecurityGroupIngress', ec2Ok('<return>true</return><unknownIpPermissionSet><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></unknownIpPermissionSet>'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: `${GROUP} no longer has those rules` });
  });

  it('fails with the AWS error name and message when the call is denied', async () => {
    // Prepare
    const { finding: f, plan } = withRuleId();
    aws.on('RevokeSecurityGroupIngress', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({
      status: 'failed',
      reason: `revoking sgr-0a7d3c9e5b1f24680 from ${GROUP}: UnauthorizedOperation: You are not authorized to perform this operation.`,
    });
  });

  it('returns failed, never throws, when the client cannot be created', async () => {
    // Prepare
    const { finding: f, plan } = withRuleId();
    const context = aws.context();
    const broken = { ...context, aws: { ...context.aws, ec2: () => Promise.reject(new Error('no credentials in the environment')) } };

    // Act
    const result = await action.apply(plan, f, broken);

    // Assess
    expect(result).toEqual({ status: 'failed', reason: `revoking sgr-0a7d3c9e5b1f24680 from ${GROUP}: Error: no credentials in the environment` });
    expect(aws.calls).toEqual([]);
  });
});
