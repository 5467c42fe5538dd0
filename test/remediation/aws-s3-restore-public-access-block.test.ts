import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-s3-restore-public-access-block.js';
import { rule } from '../../shared/rules/aws-s3-public-access-block-off.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, empty, s3Error, startFakeAws, xmlOk } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const BUCKET_PAB = '/acme-exports/?publicAccessBlock';
const ACCOUNT_PAB = '/v20180820/configuration/publicAccessBlock';
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const CONTROL_NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';

const bucket = { bucketName: 'acme-exports', Host: 'acme-exports.s3.eu-west-1.amazonaws.com', publicAccessBlock: '' };
const account = { 'x-amz-account-id': ['111122223333'], Host: '111122223333.s3-control.eu-west-1.amazonaws.com' };

/** A finding from a Put/Delete…PublicAccessBlock record as S3 logs it. */
function finding(eventName: string, request: Record<string, unknown>): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName, requestParameters: request });
  return findingFor(rule, record);
}
const policyOff = () =>
  finding('PutBucketPublicAccessBlock', {
    ...bucket,
    PublicAccessBlockConfiguration: { xmlns: S3_NS, BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
  });

type Flags = [boolean, boolean, boolean, boolean];
const fields = ([a, b, c, d]: Flags) =>
  `<BlockPublicAcls>${a}</BlockPublicAcls><IgnorePublicAcls>${b}</IgnorePublicAcls><BlockPublicPolicy>${c}</BlockPublicPolicy><RestrictPublicBuckets>${d}</RestrictPublicBuckets>`;
const config = (ns: string, flags: Flags) => `<PublicAccessBlockConfiguration xmlns="${ns}">${fields(flags)}</PublicAccessBlockConfiguration>`;
const putBody = (ns: string, flags: Flags) => `<?xml version="1.0" encoding="UTF-8"?>${config(ns, flags)}`;
const noConfig = s3Error(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');

describe('aws-s3-restore-public-access-block', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('turns the bucket settings the finding saw off back on and keeps the others', async () => {
    // Prepare: RestrictPublicBuckets was turned back on by hand meanwhile; IgnorePublicAcls was turned off since (not this finding's).
    const { finding: f, plan } = policyOff();
    aws.on(`GET ${BUCKET_PAB}`, xmlOk(config(S3_NS, [true, false, false, true])));
    aws.on(`PUT ${BUCKET_PAB}`, empty());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.method, c.path, c.body])).toEqual([
      ['s3', 'eu-west-1', 'GET', BUCKET_PAB, ''],
      ['s3', 'eu-west-1', 'PUT', BUCKET_PAB, putBody(S3_NS, [true, false, true, true])],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: 'turned BlockPublicPolicy back on for bucket acme-exports',
      changes: [
        {
          target: 'bucket acme-exports',
          before: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true },
          after: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        },
      ],
    });
  });

  it('starts from all off when the bucket configuration was deleted', async () => {
    // Prepare
    const { finding: f, plan } = finding('DeleteBucketPublicAccessBlock', bucket);
    aws.on(`GET ${BUCKET_PAB}`, noConfig);
    aws.on(`PUT ${BUCKET_PAB}`, empty());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls[1]?.body).toBe(putBody(S3_NS, [true, true, true, true]));
    expect(result).toMatchObject({ status: 'done', reason: 'turned BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets back on for bucket acme-exports' });
  });

  it('restores the account level through S3 Control with the account id', async () => {
    // Prepare
    const { finding: f, plan } = finding('DeleteAccountPublicAccessBlock', account);
    aws.on(`GET ${ACCOUNT_PAB}`, noConfig);
    aws.on(`PUT ${ACCOUNT_PAB}`, empty());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.method, c.path, c.headers['x-amz-account-id'], c.headers.host?.split(':')[0], c.body])).toEqual([
      ['s3', 'eu-west-1', 'GET', ACCOUNT_PAB, '111122223333', '111122223333.localhost', ''],
      ['s3', 'eu-west-1', 'PUT', ACCOUNT_PAB, '111122223333', '111122223333.localhost', putBody(CONTROL_NS, [true, true, true, true])],
    ]);
    expect(result).toMatchObject({ status: 'done', reason: 'turned BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets back on for account 111122223333' });
  });

  it.each([
    { name: 'the bucket settings are on again', path: BUCKET_PAB, answer: xmlOk(config(S3_NS, [true, true, true, true])), reason: 'BlockPublicPolicy, RestrictPublicBuckets already on for bucket acme-exports' },
    { name: 'the bucket is gone', path: BUCKET_PAB, answer: s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist'), reason: 'bucket acme-exports no longer exists (NoSuchBucket)' },
  ])('is already fixed when $name, without writing', async ({ path, answer, reason }) => {
    // Prepare
    const { finding: f, plan } = policyOff();
    aws.on(`GET ${path}`, answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(aws.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it('is already fixed when the account settings are all on again', async () => {
    // Prepare
    const { finding: f, plan } = finding('DeleteAccountPublicAccessBlock', account);
    aws.on(`GET ${ACCOUNT_PAB}`, xmlOk(config(CONTROL_NS, [true, true, true, true])));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets already on for account 111122223333' });
  });

  it.each([
    { name: 'the read is denied', get: s3Error(403, 'AccessDenied', 'Access Denied'), put: empty(), reason: 'reading Block Public Access of bucket acme-exports: AccessDenied: Access Denied' },
    { name: 'the write is denied', get: xmlOk(config(S3_NS, [true, true, false, false])), put: s3Error(403, 'AccessDenied', 'Access Denied'), reason: 'writing Block Public Access of bucket acme-exports: AccessDenied: Access Denied' },
  ])('fails with the AWS error when $name', async ({ get, put, reason }) => {
    // Prepare
    const { finding: f, plan } = policyOff();
    aws.on(`GET ${BUCKET_PAB}`, get);
    aws.on(`PUT ${BUCKET_PAB}`, put);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason });
  });
});
