import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-revoke-nacl-entry.js';
import { rule } from '../../shared/rules/aws-ec2-nacl-ingress-open.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, ec2Error, ec2Ok, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const ACL = 'acl-0a1b2c3d';

/** A finding from CreateNetworkAclEntry (or Replace…) as EC2 logs it: ingress allow tcp/22 from 0.0.0.0/0, rule 100. */
function finding(fields: Record<string, unknown> = {}, eventName = 'CreateNetworkAclEntry'): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName,
    requestParameters: { networkAclId: ACL, ruleNumber: 100, egress: false, ruleAction: 'allow', icmpTypeCode: {}, portRange: { from: 22, to: 22 }, aclProtocol: '6', cidrBlock: '0.0.0.0/0', ...fields },
    responseElements: { requestId: '6a1f7c3e-0000-4000-8000-000000000001', _return: true },
  });
  return findingFor(rule, record);
}

// Entries as DescribeNetworkAcls returns them.
const entry = (ruleNumber: number, egress: boolean, action: string, cidr: string) =>
  `<item><ruleNumber>${ruleNumber}</ruleNumber><protocol>6</protocol><ruleAction>${action}</ruleAction><egress>${egress}</egress><cidrBlock>${cidr}</cidrBlock><portRange><from>22</from><to>22</to></portRange></item>`;
const acl = (...entries: string[]) => ec2Ok(`<networkAclSet><item><networkAclId>${ACL}</networkAclId><vpcId>vpc-0123abcd</vpcId><default>false</default><entrySet>${entries.join('')}</entrySet></item></networkAclSet>`);
const opened = entry(100, false, 'allow', '0.0.0.0/0');
const others = [entry(100, true, 'allow', '0.0.0.0/0'), entry(200, false, 'allow', '10.0.0.0/8'), entry(32767, false, 'deny', '0.0.0.0/0')];

describe('aws-revoke-nacl-entry', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it.each([
    { name: 'a created entry', event: 'CreateNetworkAclEntry', reason: `deleted ingress entry #100 of ${ACL}` },
    { name: 'a replaced entry', event: 'ReplaceNetworkAclEntry', reason: `deleted ingress entry #100 of ${ACL} (the entry it replaced is not in the log and was not restored)` },
  ])('reads the ACL, then deletes only ingress entry #100 for $name', async ({ event, reason }) => {
    // Prepare
    const { finding: f, plan } = finding({}, event);
    aws.on('DescribeNetworkAcls', acl(opened, ...others));
    aws.on('DeleteNetworkAclEntry', ec2Ok());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([
      ['ec2', 'eu-west-1', 'DescribeNetworkAcls', { 'NetworkAclId.1': ACL }],
      ['ec2', 'eu-west-1', 'DeleteNetworkAclEntry', { NetworkAclId: ACL, RuleNumber: '100', Egress: 'false' }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason,
      changes: [{ networkAclId: ACL, ruleNumber: 100, egress: false, deletedEntry: { ruleAction: 'allow', protocol: '6', cidr: '0.0.0.0/0', fromPort: 22, toPort: 22 } }],
    });
  });

  it.each([
    { name: 'the entry is gone', answer: acl(...others), reason: `ingress entry #100 of ${ACL} no longer exists` },
    { name: 'the number now holds a deny', answer: acl(entry(100, false, 'deny', '0.0.0.0/0'), ...others), reason: `ingress entry #100 of ${ACL} no longer allows the internet in (now deny from 0.0.0.0/0); left as is` },
    { name: 'the number now allows a private range', answer: acl(entry(100, false, 'allow', '10.0.0.0/8')), reason: `ingress entry #100 of ${ACL} no longer allows the internet in (now allow from 10.0.0.0/8); left as is` },
    { name: 'the ACL is gone', answer: ec2Error('InvalidNetworkAclID.NotFound', `The network ACL '${ACL}' does not exist`), reason: `ingress entry #100 of ${ACL} no longer exists (InvalidNetworkAclID.NotFound)` },
  ])('is already fixed when $name, without deleting', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeNetworkAcls', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(aws.calls.map((c) => c.action)).toEqual(['DescribeNetworkAcls']);
  });

  it('is already fixed when the entry goes between the read and the delete', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeNetworkAcls', acl(opened));
    aws.on('DeleteNetworkAclEntry', ec2Error('InvalidNetworkAclEntry.NotFound', 'The specified entry does not exist'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: `ingress entry #100 of ${ACL} no longer exists (InvalidNetworkAclEntry.NotFound)` });
  });

  it('fails without calling AWS when the log has no rule number', async () => {
    // Prepare
    const { finding: f, plan } = finding({ ruleNumber: undefined });

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: `the log does not say which entry of ${ACL} was opened (no rule number); delete it by hand` });
    expect(aws.calls).toEqual([]);
  });

  it('fails with the AWS error when the delete is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeNetworkAcls', acl(opened));
    aws.on('DeleteNetworkAclEntry', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: `deleting ingress entry #100 of ${ACL}: UnauthorizedOperation: You are not authorized to perform this operation.` });
  });
});
