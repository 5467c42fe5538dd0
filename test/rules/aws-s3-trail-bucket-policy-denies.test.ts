import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-trail-bucket-policy-denies.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { trailContext } from '../helpers/trails.js';

const put = (bucketName: string, ...Statement: object[]) =>
  cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName, policy: [''], bucketPolicy: { Version: '2012-10-17', Statement } } });
const allowTrail = { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-org-logs/main/AWSLogs/111122223333/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } };
const aclCheck = { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::acme-org-logs' };

describe('aws-s3-trail-bucket-policy-denies', () => {
  it.each([
    { name: 'a Deny to the CloudTrail service', record: put('any-bucket', { Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::any-bucket/*' }), summary: 'any-bucket: policy denies s3:PutObject to cloudtrail.amazonaws.com' },
    { name: 'a Deny * on writes to a trail bucket', record: put('acme-org-logs', aclCheck, allowTrail, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-org-logs/*' }), summary: 'acme-org-logs: policy denies s3:PutObject to cloudtrail.amazonaws.com' },
    { name: 'a known trail bucket losing its CloudTrail allow', record: put('acme-org-logs', aclCheck), summary: 'acme-org-logs: the new policy no longer allows CloudTrail to write (trail org-main)' },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity: 'critical', evidence: { summary } });
  });

  it.each([
    { name: 'the standard CloudTrail bucket policy', record: put('acme-org-logs', aclCheck, allowTrail) },
    { name: 'a TLS-only Deny on a trail bucket', record: put('acme-org-logs', aclCheck, allowTrail, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-org-logs/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    { name: 'a Deny * on an ordinary bucket', record: put('website', { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::website/*' }) },
    { name: 'a denied policy change', record: failed(put('any-bucket', { Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
