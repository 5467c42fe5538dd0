import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-ec2-nacl-ingress-open.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

/** CreateNetworkAclEntry as EC2 logs it (defaults: ingress allow tcp/22 from 0.0.0.0/0, rule 100). */
const entry = (fields: Record<string, unknown>, eventName = 'CreateNetworkAclEntry') =>
  cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName,
    requestParameters: {
      networkAclId: 'acl-0a1b2c3d',
      ruleNumber: 100,
      egress: false,
      ruleAction: 'allow',
      icmpTypeCode: {},
      portRange: { from: 22, to: 22 },
      aclProtocol: '6',
      cidrBlock: '0.0.0.0/0',
      ...fields,
    },
    responseElements: { requestId: '6a1f7c3e-0000-4000-8000-000000000001', _return: true },
  });

describe('aws-ec2-nacl-ingress-open', () => {
  it.each([
    { name: 'ssh from the world', record: entry({}), severity: 'high', summary: 'tcp/22 from 0.0.0.0/0 allowed in (rule #100)', cidr: '0.0.0.0/0' },
    {
      name: 'a replaced entry opening all traffic over IPv6',
      record: entry({ cidrBlock: undefined, ipv6CidrBlock: '::/0', aclProtocol: '-1', portRange: {} }, 'ReplaceNetworkAclEntry'),
      severity: 'critical',
      summary: 'all traffic from ::/0 allowed in (rule #100)',
      cidr: '::/0',
    },
    {
      name: 'egress written as a string and a high port range',
      record: entry({ egress: 'false', portRange: { from: 700, to: 702 } }),
      severity: 'medium',
      summary: 'tcp/700-702 from 0.0.0.0/0 allowed in (rule #100)',
      cidr: '0.0.0.0/0',
    },
    {
      name: 'udp with ports and rule number written as strings',
      record: entry({ aclProtocol: '17', portRange: { from: '1433', to: '1434' }, ruleNumber: '100' }),
      severity: 'high',
      summary: 'udp/1433-1434 from 0.0.0.0/0 allowed in (rule #100)',
      cidr: '0.0.0.0/0',
    },
    {
      name: 'a /0 prefix after an anonymized address',
      record: entry({ cidrBlock: '208.236.235.254/0', ruleAction: 'ALLOW' }),
      severity: 'high',
      summary: 'tcp/22 from 208.236.235.254/0 allowed in (rule #100)',
      cidr: '208.236.235.254/0',
    },
  ])('fires on $name', ({ record, severity, summary, cidr }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'sg-open',
      severity,
      resource: {
        type: 'network-acl',
        id: 'acl-0a1b2c3d',
        consoleUrl: 'https://console.aws.amazon.com/vpcconsole/home?region=eu-west-1#NetworkAclDetails:networkAclId=acl-0a1b2c3d',
      },
      evidence: { summary, details: { networkAclId: 'acl-0a1b2c3d', ruleNumber: 100, cidr } },
      remediation: {
        action: 'aws-revoke-nacl-entry',
        target: { networkAclId: 'acl-0a1b2c3d', ruleNumber: 100, egress: false },
        summary: 'delete ingress entry #100 of acl-0a1b2c3d',
      },
    });
  });

  it.each([
    { name: 'an egress entry to the world', record: entry({ egress: true, aclProtocol: '-1', portRange: {} }) },
    { name: 'an egress entry written as a string', record: entry({ egress: 'true' }) },
    { name: 'a deny entry from the world', record: entry({ ruleAction: 'deny' }) },
    { name: 'a single host', record: entry({ cidrBlock: '198.51.100.7/32' }) },
    { name: 'the 0.0.0.0/16 block (not the internet)', record: entry({ cidrBlock: '0.0.0.0/16' }) },
    { name: 'a private IPv6 range', record: entry({ cidrBlock: undefined, ipv6CidrBlock: 'fd00::/8' }) },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'CreateNetworkAclEntry', requestParameters: null }) },
    { name: 'a failed call', record: failed(entry({}), 'InvalidNetworkAclEntry.Duplicate') },
    { name: 'the same event name from another service', record: { ...entry({}), eventSource: 'rds.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('aws-ec2-nacl-ingress-open: coverage of one entry', () => {
  it.each([
    { name: '0.0.0.0/8', record: entry({ cidrBlock: '0.0.0.0/8' }) },
    { name: 'one /1 half (an entry holds one range, so it never covers the internet)', record: entry({ cidrBlock: '128.0.0.0/1' }) },
    { name: 'an egress entry from the world', record: entry({ egress: true }) },
    { name: 'a world deny entry', record: entry({ ruleAction: 'deny' }) },
  ])('does not fire on $name', ({ record }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
