import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-rds-db-sg-ingress-open.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const authorize = (fields: Record<string, unknown>) =>
  cloudTrailRecord({ eventSource: 'rds.amazonaws.com', eventName: 'AuthorizeDBSecurityGroupIngress', requestParameters: { dBSecurityGroupName: 'billing-db', ...fields } });

describe('aws-rds-db-sg-ingress-open', () => {
  it('fires on a world CIDRIP', () => {
    const findings = rule.match(toEvent(authorize({ cIDRIP: '0.0.0.0/0' })), ownContext);
    expect(findings).toEqual([
      expect.objectContaining({
        category: 'sg-open',
        severity: 'high',
        resource: expect.objectContaining({ type: 'rds-db-security-group', id: 'billing-db' }),
        evidence: { summary: 'database access from 0.0.0.0/0 on billing-db', details: { dbSecurityGroupName: 'billing-db', cidr: '0.0.0.0/0' } },
        remediation: expect.objectContaining({ action: 'aws-revoke-db-sg-ingress', target: { dbSecurityGroupName: 'billing-db', cidr: '0.0.0.0/0' } }),
      }),
    ]);
  });

  it.each([
    { name: 'a documentation range', record: authorize({ cIDRIP: '203.0.113.0/24' }) },
    { name: 'an EC2 security group as source', record: authorize({ eC2SecurityGroupName: 'app', eC2SecurityGroupId: 'sg-0123', eC2SecurityGroupOwnerId: '111122223333' }) },
    { name: 'a denied call', record: failed(authorize({ cIDRIP: '0.0.0.0/0' })) },
    { name: 'the same name from EC2', record: { ...authorize({ cIDRIP: '0.0.0.0/0' }), eventSource: 'ec2.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
