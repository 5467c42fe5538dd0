import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-cloudtrail-logging-stopped.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const call = (eventName: string, requestParameters: unknown) =>
  cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName, requestParameters, responseElements: null });

describe('aws-cloudtrail-logging-stopped', () => {
  it.each([
    { name: 'StopLogging by trail name', record: call('StopLogging', { name: 'org-main' }), trail: 'org-main' },
    {
      name: 'StopLogging by trail ARN',
      record: call('StopLogging', { name: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main' }),
      trail: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main',
    },
  ])('fires on $name', ({ record, trail }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'audit-tampering',
      severity: 'critical',
      resource: { type: 'cloudtrail-trail', id: trail, name: 'org-main' },
      evidence: { summary: `logging stopped on trail ${trail}` },
      remediation: { action: 'aws-cloudtrail-start-logging', target: { trail, region: 'eu-west-1' } },
    });
  });

  it.each([
    { name: 'StartLogging', record: call('StartLogging', { name: 'org-main' }) },
    { name: 'a read-only GetTrailStatus', record: call('GetTrailStatus', { name: 'org-main' }) },
    { name: 'StopLogging without a trail name', record: call('StopLogging', {}) },
    { name: 'StopLogging from another event source', record: cloudTrailRecord({ eventSource: 'cloudtrail-data.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'x' } }) },
    { name: 'a denied StopLogging', record: failed(call('StopLogging', { name: 'org-main' })) },
    { name: 'a StopLogging refused by Organizations', record: failed(call('StopLogging', { name: 'org-main' }), 'NotOrganizationMasterAccountException') },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
