import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-rds-db-sg-ingress-open.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

/** AuthorizeDBSecurityGroupIngress as RDS logs it (note the `cIDRIP` casing). */
const authorize = (fields: Record<string, unknown>) =>
  cloudTrailRecord({
    eventSource: 'rds.amazonaws.com',
    eventName: 'AuthorizeDBSecurityGroupIngress',
    requestParameters: { dBSecurityGroupName: 'billing-db', ...fields },
    responseElements: { dBSecurityGroupName: 'billing-db', dBSecurityGroupDescription: 'billing', iPRanges: [], eC2SecurityGroups: [] },
  });

describe('aws-rds-db-sg-ingress-open', () => {
  it.each([
    { name: 'a world cIDRIP', record: authorize({ cIDRIP: '0.0.0.0/0' }), cidr: '0.0.0.0/0' },
    { name: 'a lower-case cidrip key', record: authorize({ cidrip: '0.0.0.0/0' }), cidr: '0.0.0.0/0' },
    { name: 'an upper-case CIDRIP key and an anonymized /0', record: authorize({ CIDRIP: '10.20.30.40/0' }), cidr: '10.20.30.40/0' },
  ])('fires on $name', ({ record, cidr }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'sg-open',
      severity: 'high',
      resource: {
        type: 'rds-db-security-group',
        id: 'billing-db',
        consoleUrl: 'https://console.aws.amazon.com/rds/home?region=eu-west-1#db-security-group:id=billing-db',
      },
      evidence: { summary: `database access from ${cidr} on billing-db`, details: { dbSecurityGroupName: 'billing-db', cidr } },
      remediation: {
        action: 'aws-revoke-db-sg-ingress',
        target: { dbSecurityGroupName: 'billing-db', cidr },
        summary: `revoke ${cidr} from DB security group billing-db`,
      },
    });
  });

  it.each([
    { name: 'a documentation range', record: authorize({ cIDRIP: '203.0.113.0/24' }) },
    { name: 'a single host', record: authorize({ cIDRIP: '198.51.100.7/32' }) },
    { name: 'an EC2 security group as source', record: authorize({ eC2SecurityGroupName: 'app', eC2SecurityGroupId: 'sg-0123', eC2SecurityGroupOwnerId: '111122223333' }) },
    { name: 'a world CIDR without a group name', record: authorize({ dBSecurityGroupName: undefined, cIDRIP: '0.0.0.0/0' }) },
    { name: 'a denied call', record: failed(authorize({ cIDRIP: '0.0.0.0/0' })) },
    { name: 'a revoke of the world CIDR', record: { ...authorize({ cIDRIP: '0.0.0.0/0' }), eventName: 'RevokeDBSecurityGroupIngress' } },
    { name: 'the same name from EC2', record: { ...authorize({ cIDRIP: '0.0.0.0/0' }), eventSource: 'ec2.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('aws-rds-db-sg-ingress-open: coverage of one authorization', () => {
  it.each([
    { name: '0.0.0.0/8', record: authorize({ cIDRIP: '0.0.0.0/8' }) },
    { name: 'one /1 half', record: authorize({ cIDRIP: '0.0.0.0/1' }) },
    { name: 'a denied world authorization', record: failed(authorize({ cIDRIP: '0.0.0.0/0' })) },
  ])('does not fire on $name', ({ record }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
