import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-ec2-nacl-ingress-open.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const entry = (fields: Record<string, unknown>, eventName = 'CreateNetworkAclEntry') =>
  cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName,
    requestParameters: { networkAclId: 'acl-0a1b2c3d', ruleNumber: 100, egress: false, ruleAction: 'allow', icmpTypeCode: {}, portRange: { from: 22, to: 22 }, aclProtocol: '6', cidrBlock: '0.0.0.0/0', ...fields },
    responseElements: { requestId: 'r-1', _return: true },
  });

describe('aws-ec2-nacl-ingress-open', () => {
  it.each([
    { name: 'ssh from the world', record: entry({}), severity: 'high', summary: 'tcp/22 from 0.0.0.0/0 allowed in (rule #100)' },
    { name: 'a replaced entry opening all traffic over IPv6', record: entry({ cidrBlock: undefined, ipv6CidrBlock: '::/0', aclProtocol: '-1', portRange: {} }, 'ReplaceNetworkAclEntry'), severity: 'critical', summary: 'all traffic from ::/0 allowed in (rule #100)' },
    { name: 'egress written as a string', record: entry({ egress: 'false', portRange: { from: 700, to: 702 } }), severity: 'medium', summary: 'tcp/700-702 from 0.0.0.0/0 allowed in (rule #100)' },
  ])('fires on $name', ({ record, severity, summary }) => {
    const findings = rule.match(toEvent(record), ownContext);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'sg-open', severity, resource: { type: 'network-acl', id: 'acl-0a1b2c3d' }, evidence: { summary }, remediation: { action: 'aws-revoke-nacl-entry', target: { networkAclId: 'acl-0a1b2c3d', ruleNumber: 100 } } });
  });

  it.each([
    { name: 'an egress entry to the world', record: entry({ egress: true }) },
    { name: 'a deny entry', record: entry({ ruleAction: 'deny' }) },
    { name: 'a single host', record: entry({ cidrBlock: '198.51.100.7/32' }) },
    { name: 'a failed call', record: failed(entry({}), 'InvalidNetworkAclEntry.Duplicate') },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
