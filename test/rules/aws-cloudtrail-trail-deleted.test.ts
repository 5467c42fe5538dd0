import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-cloudtrail-trail-deleted.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';
import { trailContext } from '../helpers/trails.js';

const call = (eventName: string, requestParameters: unknown) =>
  cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName, requestParameters, responseElements: null });

describe('aws-cloudtrail-trail-deleted', () => {
  it.each([
    { name: 'an unknown trail', record: call('DeleteTrail', { name: 'audit-2' }), context: ownContext, summary: 'trail audit-2 deleted' },
    { name: 'a known trail (destination named)', record: call('DeleteTrail', { name: 'org-main' }), context: trailContext(), summary: 'trail org-main deleted (delivered to s3://acme-org-logs/main)' },
  ])('fires on $name', ({ record, context, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, context);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity: 'critical', evidence: { summary }, remediation: null });
  });

  it.each([
    { name: 'CreateTrail', record: call('CreateTrail', { name: 'org-main', s3BucketName: 'acme-org-logs' }) },
    { name: 'DeleteTrail without a name', record: call('DeleteTrail', null) },
    { name: 'a denied DeleteTrail', record: failed(call('DeleteTrail', { name: 'org-main' })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
