import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-public-access-block-off.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const config = (values: Partial<Record<string, boolean | string>>) => ({
  xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
  ...values,
});
const s3 = (eventName: string, requestParameters: Record<string, unknown>) =>
  cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName, requestParameters });
const bucket = { bucketName: 'acme-exports', Host: 'acme-exports.s3.eu-west-1.amazonaws.com', publicAccessBlock: '' };

describe('aws-s3-public-access-block-off', () => {
  it.each([
    { name: 'the bucket block deleted', record: s3('DeleteBucketPublicAccessBlock', bucket), severity: 'critical', id: 'acme-exports', summary: 'Block Public Access deleted for bucket acme-exports' },
    { name: 'one bucket setting off', record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: config({ BlockPublicPolicy: false }) }), severity: 'high', id: 'acme-exports', summary: 'Block Public Access BlockPublicPolicy off for bucket acme-exports' },
    { name: 'all settings off as strings', record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: config({ BlockPublicAcls: 'false', IgnorePublicAcls: 'false', BlockPublicPolicy: 'false', RestrictPublicBuckets: 'false' }) }), severity: 'critical', id: 'acme-exports', summary: 'Block Public Access BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets off for bucket acme-exports' },
    { name: 'the account block deleted', record: s3('DeleteAccountPublicAccessBlock', { 'x-amz-account-id': ['111122223333'] }), severity: 'critical', id: '111122223333', summary: 'Block Public Access deleted for account 111122223333' },
    { name: 'an account setting off', record: s3('PutAccountPublicAccessBlock', { PublicAccessBlockConfiguration: config({ RestrictPublicBuckets: false }) }), severity: 'high', id: '111122223333', summary: 'Block Public Access RestrictPublicBuckets off for account 111122223333' },
  ])('fires on $name', ({ record, severity, id, summary }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-bucket', severity, resource: { id }, evidence: { summary }, remediation: { action: 'aws-s3-restore-public-access-block' } });
  });

  it.each([
    { name: 'every setting on', record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: config({}) }) },
    { name: 'a put without a configuration in the log', record: s3('PutBucketPublicAccessBlock', bucket) },
    { name: 'a denied delete', record: failed(s3('DeleteBucketPublicAccessBlock', bucket)) },
    { name: 'an S3 event name from another service', record: { ...s3('DeleteBucketPublicAccessBlock', {}), eventSource: 'ec2.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
