import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-s3-remove-public-policy.js';
import { rule } from '../../shared/rules/aws-s3-policy-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, empty, jsonOk, s3Error, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';
import { findingFor } from '../helpers/findings.js';

const POLICY = '/acme-exports/?policy';
const publicRead = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-exports/*' };
const publicList = { Sid: 'PublicList', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-exports' };
const tlsOnly = {
  Sid: 'DenyPlainHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::acme-exports', 'arn:aws:s3:::acme-exports/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const orgRead = { ...publicRead, Sid: 'OrgRead', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const partner = { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-exports/*' };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Id: 'ExportsPolicy', Statement });

/** A finding from PutBucketPolicy as S3 logs it (the logged policy: only PublicRead). */
function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: { bucketName: 'acme-exports', Host: 'acme-exports.s3.eu-west-1.amazonaws.com', policy: [''], bucketPolicy: doc(publicRead, tlsOnly) },
  });
  return findingFor(rule, record);
}
/** GetBucketPolicy answers `{"Policy": "<json>"}` in the SDK; on the wire it is the JSON document itself. */
const current = (...statements: object[]) => jsonOk(doc(...statements));

describe('aws-s3-remove-public-policy', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('removes the public statement the finding names from the current policy and puts back the rest (#10: only the evidence)', async () => {
    // Prepare: the current policy also has PublicList (public, but another finding's evidence) and restricted statements.
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, current(publicRead, tlsOnly, orgRead, publicList, partner));
    aws.on(`PUT ${POLICY}`, empty(204));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.method, c.path])).toEqual([
      ['s3', 'eu-west-1', 'GET', POLICY],
      ['s3', 'eu-west-1', 'PUT', POLICY],
    ]);
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual(doc(tlsOnly, orgRead, publicList, partner));
    expect(result).toEqual({
      status: 'done',
      reason: 'removed 1 public statement(s) from the policy of acme-exports, kept 4',
      changes: [{ bucket: 'acme-exports', removedStatements: [publicRead], keptStatements: [tlsOnly, orgRead, publicList, partner], policyDeleted: false }],
    });
  });

  it.each([
    { name: 'another public statement', statements: [publicList, tlsOnly], others: 1 },
    { name: 'the same Sid, no longer public', statements: [{ ...publicRead, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }, publicList], others: 1 },
  ])('leaves the policy untouched when the evidence is gone and $name is present: already-fixed', async ({ statements, others }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, current(...statements));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => c.method)).toEqual(['GET']);
    expect(result).toEqual({
      status: 'already-fixed',
      reason: `the public statements of this finding are no longer in the policy of acme-exports; ${others} other public statement(s) left untouched (not this finding's evidence)`,
    });
  });

  it('matches a statement without Sid by its content, whatever the key order and list form', async () => {
    // Prepare: the logged statement has no Sid; the current one has the same content, keys reordered, Action as a list.
    const { Sid: _sid, ...anonymous } = publicRead;
    const record = cloudTrailRecord({
      eventSource: 's3.amazonaws.com',
      eventName: 'PutBucketPolicy',
      requestParameters: { bucketName: 'acme-exports', policy: [''], bucketPolicy: doc(anonymous) },
    });
    const [found] = rule.match(toEvent(record), ownContext);
    if (!found?.remediation) throw new Error('the rule did not fire');
    const reordered = { Resource: anonymous.Resource, Action: [anonymous.Action], Principal: '*', Effect: 'Allow' };
    aws.on(`GET ${POLICY}`, current(reordered, publicList));
    aws.on(`PUT ${POLICY}`, empty(204));

    // Act
    const result = await action.apply(found.remediation, found, aws.context());

    // Assess
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual(doc(publicList));
    expect(result.status).toBe('done');
  });

  it('deletes the policy when every statement is public', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, current(publicRead));
    aws.on(`DELETE ${POLICY}`, empty(204));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['GET', POLICY, ''],
      ['DELETE', POLICY, ''],
    ]);
    expect(result).toMatchObject({ status: 'done', reason: 'deleted the policy of acme-exports: all 1 statement(s) were public', changes: [{ policyDeleted: true }] });
  });

  it.each([
    { name: 'the policy is gone', answer: s3Error(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist'), reason: 'acme-exports has no bucket policy any more (NoSuchBucketPolicy)' },
    { name: 'the bucket is gone', answer: s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist'), reason: 'acme-exports has no bucket policy any more (NoSuchBucket)' },
    { name: 'only restricted statements remain', answer: current(tlsOnly, orgRead), reason: 'the policy of acme-exports no longer has public statements' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(aws.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it('fails with the AWS error when the write is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, current(publicRead, partner));
    aws.on(`PUT ${POLICY}`, s3Error(403, 'AccessDenied', 'Access Denied'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: 'writing the policy of acme-exports: AccessDenied: Access Denied' });
  });
});
