import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-cloudtrail-trail-weakened.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';
import { trailContext } from '../helpers/trails.js';

const update = (requestParameters: Record<string, unknown>) =>
  cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'UpdateTrail', requestParameters, responseElements: { name: requestParameters.name, trailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main' } });

describe('aws-cloudtrail-trail-weakened', () => {
  it.each([
    { name: 'multi-region off', record: update({ name: 'org-main', isMultiRegionTrail: false }), severity: 'high', summary: 'trail org-main: multi-region logging turned off' },
    { name: 'global service events dropped', record: update({ name: 'org-main', includeGlobalServiceEvents: false }), severity: 'high', summary: 'trail org-main: global service events (IAM, STS) no longer logged' },
    { name: 'log file validation off', record: update({ name: 'org-main', enableLogFileValidation: false }), severity: 'high', summary: 'trail org-main: log file validation turned off' },
    { name: 'another bucket than the known one', record: update({ name: 'org-main', s3BucketName: 'exfil-logs-4444' }), severity: 'critical', summary: 'trail org-main: logs now delivered to bucket exfil-logs-4444 (was acme-org-logs)' },
    { name: 'another prefix than the known one', record: update({ name: 'org-main', s3KeyPrefix: 'elsewhere' }), severity: 'critical', summary: 'trail org-main: log prefix changed to "elsewhere" (was "main")' },
    { name: 'several weakenings at once', record: update({ name: 'org-main', isMultiRegionTrail: false, kmsKeyId: '' }), severity: 'critical', summary: 'trail org-main: multi-region logging turned off; log encryption with KMS removed' },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity, evidence: { summary }, resource: { type: 'cloudtrail-trail', id: 'org-main' } });
  });

  it('fires on a destination bucket when the trail is unknown', () => {
    // Prepare
    const event = toEvent(update({ name: 'audit-2', s3BucketName: 'other-bucket' }));

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings[0]?.evidence.summary).toBe('trail audit-2: logs now delivered to bucket other-bucket');
  });

  it.each([
    { name: 'an update that widens coverage', record: update({ name: 'org-main', isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true }) },
    { name: 'the same bucket and prefix as known', record: update({ name: 'org-main', s3BucketName: 'acme-org-logs', s3KeyPrefix: 'main' }) },
    { name: 'a new KMS key (still encrypted)', record: update({ name: 'org-main', kmsKeyId: 'alias/trail-2' }) },
    { name: 'CreateTrail', record: cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'CreateTrail', requestParameters: { name: 'new', isMultiRegionTrail: false } }) },
    { name: 'a denied update', record: failed(update({ name: 'org-main', isMultiRegionTrail: false })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
