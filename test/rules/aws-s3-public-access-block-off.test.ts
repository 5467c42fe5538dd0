import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-public-access-block-off.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const ALL = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];
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
const account = { 'x-amz-account-id': ['111122223333'], Host: '111122223333.s3-control.eu-west-1.amazonaws.com' };
const bucketLink = 'https://s3.console.aws.amazon.com/s3/buckets/acme-exports?tab=permissions';

describe('aws-s3-public-access-block-off', () => {
  it.each([
    {
      name: 'the bucket block deleted',
      record: s3('DeleteBucketPublicAccessBlock', bucket),
      severity: 'critical',
      resource: { type: 's3-bucket', id: 'acme-exports', consoleUrl: bucketLink },
      summary: 'Block Public Access deleted for bucket acme-exports',
      target: { level: 'bucket', bucket: 'acme-exports', settings: ALL },
    },
    {
      name: 'one bucket setting off',
      record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: config({ BlockPublicPolicy: false }) }),
      severity: 'high',
      resource: { type: 's3-bucket', id: 'acme-exports' },
      summary: 'Block Public Access BlockPublicPolicy off for bucket acme-exports',
      target: { level: 'bucket', bucket: 'acme-exports', settings: ['BlockPublicPolicy'] },
    },
    {
      name: 'all settings off as strings',
      record: s3('PutBucketPublicAccessBlock', {
        ...bucket,
        PublicAccessBlockConfiguration: config({ BlockPublicAcls: 'false', IgnorePublicAcls: 'false', BlockPublicPolicy: 'false', RestrictPublicBuckets: 'false' }),
      }),
      severity: 'critical',
      resource: { type: 's3-bucket', id: 'acme-exports' },
      summary: 'Block Public Access BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets off for bucket acme-exports',
      target: { level: 'bucket', bucket: 'acme-exports', settings: ALL },
    },
    {
      name: 'a configuration that leaves two settings out (they default to off)',
      record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: 'true' } }),
      severity: 'high',
      resource: { type: 's3-bucket', id: 'acme-exports' },
      summary: 'Block Public Access BlockPublicPolicy, RestrictPublicBuckets off for bucket acme-exports',
      target: { level: 'bucket', bucket: 'acme-exports', settings: ['BlockPublicPolicy', 'RestrictPublicBuckets'] },
    },
    {
      name: 'the account block deleted',
      record: s3('DeleteAccountPublicAccessBlock', account),
      severity: 'critical',
      resource: { type: 's3-account-public-access-block', id: '111122223333', consoleUrl: 'https://s3.console.aws.amazon.com/s3/settings' },
      summary: 'Block Public Access deleted for account 111122223333',
      target: { level: 'account', accountId: '111122223333', settings: ALL },
    },
    {
      name: 'an account setting off, account id from the event',
      record: s3('PutAccountPublicAccessBlock', { PublicAccessBlockConfiguration: config({ RestrictPublicBuckets: false }) }),
      severity: 'high',
      resource: { type: 's3-account-public-access-block', id: '111122223333' },
      summary: 'Block Public Access RestrictPublicBuckets off for account 111122223333',
      target: { level: 'account', accountId: '111122223333', settings: ['RestrictPublicBuckets'] },
    },
    {
      name: 'an account put under the S3 Control operation name',
      record: s3('PutPublicAccessBlock', { ...account, 'x-amz-account-id': ['444455556666'], PublicAccessBlockConfiguration: config({ BlockPublicAcls: false }) }),
      severity: 'high',
      resource: { type: 's3-account-public-access-block', id: '444455556666' },
      summary: 'Block Public Access BlockPublicAcls off for account 444455556666',
      target: { level: 'account', accountId: '444455556666', settings: ['BlockPublicAcls'] },
    },
  ])('fires on $name', ({ record, severity, resource, summary, target }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'public-bucket',
      severity,
      resource,
      evidence: { summary, details: { level: target.level, settingsOff: target.settings } },
      remediation: { action: 'aws-s3-restore-public-access-block', target },
    });
  });

  it.each([
    { name: 'every setting on', record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: config({}) }) },
    { name: 'every setting on, written as strings', record: s3('PutAccountPublicAccessBlock', { ...account, PublicAccessBlockConfiguration: config({ BlockPublicAcls: 'true', IgnorePublicAcls: 'TRUE' }) }) },
    { name: 'a put without a configuration in the log', record: s3('PutBucketPublicAccessBlock', bucket) },
    { name: 'a put whose configuration is not an object', record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: '' }) },
    { name: 'a put whose configuration has none of the settings', record: s3('PutBucketPublicAccessBlock', { ...bucket, PublicAccessBlockConfiguration: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' } }) },
    { name: 'null request parameters on a put', record: cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPublicAccessBlock', requestParameters: null }) },
    { name: 'a denied delete', record: failed(s3('DeleteBucketPublicAccessBlock', bucket)) },
    { name: 'a denied account delete', record: failed(s3('DeleteAccountPublicAccessBlock', account)) },
    { name: 'an S3 event name from another service', record: { ...s3('DeleteBucketPublicAccessBlock', {}), eventSource: 'ec2.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
