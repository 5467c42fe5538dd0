import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-organizations-account-left.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const call = (eventName: string, requestParameters: unknown = null) =>
  cloudTrailRecord({ eventSource: 'organizations.amazonaws.com', eventName, requestParameters, awsRegion: 'us-east-1' });

describe('aws-organizations-account-left', () => {
  it.each([
    { name: 'LeaveOrganization', record: call('LeaveOrganization'), severity: 'critical', summary: 'account 111122223333 left the organization' },
    { name: 'RemoveAccountFromOrganization', record: call('RemoveAccountFromOrganization', { accountId: '444455556666' }), severity: 'high', summary: 'account 444455556666 removed from the organization' },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity, evidence: { summary } });
  });

  it.each([
    { name: 'DescribeOrganization', record: call('DescribeOrganization') },
    { name: 'a denied LeaveOrganization', record: failed(call('LeaveOrganization')) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
