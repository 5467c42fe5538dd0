import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-trail-bucket-deleted.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { trailContext } from '../helpers/trails.js';

const del = (bucketName: string) =>
  cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucket', requestParameters: { bucketName, Host: `${bucketName}.s3.eu-west-1.amazonaws.com` } });

describe('aws-s3-trail-bucket-deleted', () => {
  it.each([
    { name: 'a known trail bucket', record: del('acme-org-logs'), summary: 'bucket acme-org-logs deleted (destination of trail org-main)' },
    { name: 'a bucket named for CloudTrail logs', record: del('acme-cloudtrail-logs-eu'), summary: 'bucket acme-cloudtrail-logs-eu deleted (its name marks it as an audit-log bucket)' },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity: 'critical', evidence: { summary }, remediation: null });
  });

  it.each([
    { name: 'an ordinary bucket', record: del('secrets') },
    { name: 'DeleteBucketPolicy on the trail bucket', record: cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucketPolicy', requestParameters: { bucketName: 'acme-org-logs' } }) },
    { name: 'a denied delete of the trail bucket', record: failed(del('acme-org-logs')) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
