import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-ec2-sg-ingress-open.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

/** AuthorizeSecurityGroupIngress as the EC2 API logs it (VPC, one permission). */
function authorizeIngress(
  permission: Record<string, unknown>,
  ruleSet: Record<string, unknown>[] = [],
) {
  return cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: {
      groupId: 'sg-0a1b2c3d4e5f60789',
      ipPermissions: { items: [{ groups: {}, prefixListIds: {}, ...permission }] },
    },
    responseElements: {
      requestId: '5d3ea2b4-0000-4000-8000-000000000001',
      _return: true,
      securityGroupRuleSet: { items: ruleSet },
    },
  });
}

const ssh = (cidr: string) => ({
  ipProtocol: 'tcp',
  fromPort: 22,
  toPort: 22,
  ipRanges: { items: [{ cidrIp: cidr }] },
  ipv6Ranges: {},
});

describe('aws-ec2-sg-ingress-open', () => {
  it.each([
    {
      name: 'ssh from 0.0.0.0/0 with its rule id',
      record: authorizeIngress(ssh('0.0.0.0/0'), [
        { groupId: 'sg-0a1b2c3d4e5f60789', securityGroupRuleId: 'sgr-0f00d', isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' },
      ]),
      severity: 'high',
      summary: 'tcp/22 from 0.0.0.0/0 (sgr-0f00d)',
      ruleIds: ['sgr-0f00d'],
    },
    {
      name: 'a /0 prefix after any address (anonymized log)',
      record: authorizeIngress(ssh('208.236.235.254/0')),
      severity: 'high',
      summary: 'tcp/22 from 208.236.235.254/0',
      ruleIds: [],
    },
    {
      name: 'all traffic from ::/0',
      record: authorizeIngress({ ipProtocol: '-1', ipRanges: {}, ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] } }),
      severity: 'critical',
      summary: 'all traffic from ::/0',
      ruleIds: [],
    },
    {
      name: 'https with ports written as strings',
      record: authorizeIngress({ ipProtocol: 'tcp', fromPort: '443', toPort: '443', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }),
      severity: 'medium',
      summary: 'tcp/443 from 0.0.0.0/0',
      ruleIds: [],
    },
  ])('fires on $name', ({ record, severity, summary, ruleIds }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'sg-open',
      severity,
      resource: { type: 'security-group', id: 'sg-0a1b2c3d4e5f60789' },
      evidence: { summary },
      remediation: { action: 'aws-revoke-sg-ingress', target: { groupId: 'sg-0a1b2c3d4e5f60789', ruleIds } },
    });
  });

  it('fires on ModifySecurityGroupRules that rewrites a rule to the world', () => {
    // Prepare
    const record = cloudTrailRecord({
      eventSource: 'ec2.amazonaws.com',
      eventName: 'ModifySecurityGroupRules',
      requestParameters: {
        ModifySecurityGroupRulesRequest: {
          GroupId: 'sg-0a1b2c3d4e5f60789',
          SecurityGroupRule: {
            tag: 1,
            SecurityGroupRuleId: 'sgr-0beef',
            SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv4: '0.0.0.0/0', Description: 'rdp' },
          },
        },
      },
      responseElements: { ModifySecurityGroupRulesResponse: { return: true } },
    });

    // Act
    const [finding] = rule.match(toEvent(record), ownContext);

    // Assess
    expect(finding?.severity).toBe('high');
    expect(finding?.remediation?.target).toMatchObject({ ruleIds: ['sgr-0beef'] });
  });

  it.each([
    { name: 'one host 0.0.0.0/32', record: authorizeIngress(ssh('0.0.0.0/32')) },
    { name: 'a /16 that starts at 0.0.0.0', record: authorizeIngress(ssh('0.0.0.0/16')) },
    { name: 'private range 10.0.0.0/8', record: authorizeIngress(ssh('10.0.0.0/8')) },
    { name: 'another security group as source', record: authorizeIngress({ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, groups: { items: [{ groupId: 'sg-0ffee' }] } }) },
    { name: 'denied call', record: failed(authorizeIngress(ssh('0.0.0.0/0')), 'UnauthorizedOperation') },
    {
      name: 'egress to the world',
      record: { ...authorizeIngress(ssh('0.0.0.0/0')), eventName: 'AuthorizeSecurityGroupEgress' },
    },
    {
      name: 'S3 source with an EC2 event name',
      record: { ...authorizeIngress(ssh('0.0.0.0/0')), eventSource: 's3.amazonaws.com' },
    },
  ])('does not fire on $name', ({ record }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('aws-ec2-sg-ingress-open: world-open by coverage', () => {
  const ranges = (...cidrs: string[]) => ({
    ipProtocol: 'tcp',
    fromPort: 22,
    toPort: 22,
    ipRanges: { items: cidrs.filter((c) => !c.includes(':')).map((cidrIp) => ({ cidrIp })) },
    ipv6Ranges: { items: cidrs.filter((c) => c.includes(':')).map((cidrIpv6) => ({ cidrIpv6 })) },
  });
  const twoPermissions = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    cloudTrailRecord({
      eventSource: 'ec2.amazonaws.com',
      eventName: 'AuthorizeSecurityGroupIngress',
      requestParameters: { groupId: 'sg-0a1b2c3d4e5f60789', ipPermissions: { items: [a, b] } },
      responseElements: { _return: true },
    });
  it.each([
    { name: 'two /1 halves in one permission', record: authorizeIngress(ranges('0.0.0.0/1', '128.0.0.0/1')), summary: 'tcp/22 from 0.0.0.0/1; tcp/22 from 128.0.0.0/1' },
    {
      name: 'four /2 quarters next to an office range (the office range is left out)',
      record: authorizeIngress(ranges('203.0.113.0/24', '0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2')),
      summary: 'tcp/22 from 0.0.0.0/2; tcp/22 from 64.0.0.0/2; tcp/22 from 128.0.0.0/2; tcp/22 from 192.0.0.0/2',
    },
    { name: 'IPv6 halves', record: authorizeIngress(ranges('::/1', '8000::/1')), summary: 'tcp/22 from ::/1; tcp/22 from 8000::/1' },
    { name: 'halves split over two permissions for the same port', record: twoPermissions(ranges('0.0.0.0/1'), ranges('128.0.0.0/1')), summary: 'tcp/22 from 0.0.0.0/1; tcp/22 from 128.0.0.0/1' },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence.summary).toBe(summary);
  });

  it.each([
    { name: '0.0.0.0/8', record: authorizeIngress(ranges('0.0.0.0/8')) },
    { name: 'three of four quarters', record: authorizeIngress(ranges('0.0.0.0/2', '64.0.0.0/2', '192.0.0.0/2')) },
    { name: 'one IPv4 half and one IPv6 half', record: authorizeIngress(ranges('0.0.0.0/1', '8000::/1')) },
    { name: 'halves on different ports', record: twoPermissions(ranges('0.0.0.0/1'), { ...ranges('128.0.0.0/1'), fromPort: 443, toPort: 443 }) },
    {
      name: 'a halves-only egress rule',
      record: cloudTrailRecord({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'AuthorizeSecurityGroupEgress',
        requestParameters: { groupId: 'sg-0a1b2c3d4e5f60789', ipPermissions: { items: [ranges('0.0.0.0/1', '128.0.0.0/1')] } },
      }),
    },
    { name: 'denied halves', record: failed(authorizeIngress(ranges('0.0.0.0/1', '128.0.0.0/1'))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
