import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-s3-remove-public-acl.js';
import { rule } from '../../shared/rules/aws-s3-acl-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, empty, s3Error, startFakeAws, xmlOk } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const OWNER_ID = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
const PARTNER_ID = 'b4d1f2e3c5a6978812345678901234567890abcdef1234567890abcdef123456';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A finding from PutBucketAcl / PutObjectAcl with a canned ACL header, as S3 logs it. */
function finding(canned: string, key?: string): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName: key ? 'PutObjectAcl' : 'PutBucketAcl',
    requestParameters: { bucketName: 'acme-assets', Host: 'acme-assets.s3.eu-west-1.amazonaws.com', acl: '', 'x-amz-acl': [canned], ...(key && { key }) },
  });
  return findingFor(rule, record);
}

// Grants as S3 returns and expects them.
const canonical = (id: string, permission: string) => `<Grant><Grantee ${XSI} xsi:type="CanonicalUser"><ID>${id}</ID></Grantee><Permission>${permission}</Permission></Grant>`;
const groupIn = (uri: string, permission: string) => `<Grant><Grantee ${XSI} xsi:type="Group"><URI>${uri}</URI></Grantee><Permission>${permission}</Permission></Grant>`;
const groupOut = (uri: string, permission: string) => `<Grant><Grantee xsi:type="Group" ${XSI}><URI>${uri}</URI></Grantee><Permission>${permission}</Permission></Grant>`;
const canonicalOut = (id: string, permission: string) => `<Grant><Grantee xsi:type="CanonicalUser" ${XSI}><ID>${id}</ID></Grantee><Permission>${permission}</Permission></Grant>`;
const acl = (...grants: string[]) =>
  xmlOk(`<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>${OWNER_ID}</ID></Owner><AccessControlList>${grants.join('')}</AccessControlList></AccessControlPolicy>`);
const putBody = (...grants: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><AccessControlList>${grants.join('')}</AccessControlList><Owner><ID>${OWNER_ID}</ID></Owner></AccessControlPolicy>`;

describe('aws-s3-remove-public-acl', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it.each([
    { name: 'a bucket ACL', key: undefined, path: '/acme-assets/?acl', where: 'acme-assets' },
    { name: 'an object ACL', key: 'reports/q3 summary.pdf', path: '/acme-assets/reports/q3 summary.pdf?acl', where: 'acme-assets/reports/q3 summary.pdf' },
  ])('drops only the AllUsers grant from $name and writes back the owner and other grants', async ({ key, path, where }) => {
    // Prepare: a public grant the finding does not name (WRITE to AuthenticatedUsers) stays.
    const { finding: f, plan } = finding('public-read', key);
    aws.on(`GET ${path}`, acl(canonical(OWNER_ID, 'FULL_CONTROL'), groupIn(ALL_USERS, 'READ'), canonical(PARTNER_ID, 'READ'), groupIn(AUTH_USERS, 'WRITE')));
    aws.on(`PUT ${path}`, empty());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.method, c.path, c.body])).toEqual([
      ['s3', 'eu-west-1', 'GET', path, ''],
      ['s3', 'eu-west-1', 'PUT', path, putBody(canonicalOut(OWNER_ID, 'FULL_CONTROL'), canonicalOut(PARTNER_ID, 'READ'), groupOut(AUTH_USERS, 'WRITE'))],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: `removed READ to AllUsers from the ACL of ${where}`,
      changes: [
        {
          bucket: 'acme-assets',
          ...(key && { key }),
          removedGrants: [{ grantee: ALL_USERS, type: 'Group', permission: 'READ' }],
          keptGrants: [
            { grantee: OWNER_ID, type: 'CanonicalUser', permission: 'FULL_CONTROL' },
            { grantee: PARTNER_ID, type: 'CanonicalUser', permission: 'READ' },
            { grantee: AUTH_USERS, type: 'Group', permission: 'WRITE' },
          ],
        },
      ],
    });
  });

  it('drops both AllUsers grants of public-read-write', async () => {
    // Prepare
    const { finding: f, plan } = finding('public-read-write');
    aws.on('GET /acme-assets/?acl', acl(canonical(OWNER_ID, 'FULL_CONTROL'), groupIn(ALL_USERS, 'READ'), groupIn(ALL_USERS, 'WRITE')));
    aws.on('PUT /acme-assets/?acl', empty());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls[1]?.body).toBe(putBody(canonicalOut(OWNER_ID, 'FULL_CONTROL')));
    expect(result).toMatchObject({ status: 'done', reason: 'removed READ to AllUsers, WRITE to AllUsers from the ACL of acme-assets' });
  });

  it.each([
    { name: 'no public grant is left', answer: acl(canonical(OWNER_ID, 'FULL_CONTROL')), reason: 'the ACL of acme-assets no longer has the public grants' },
    { name: 'the bucket is gone', answer: s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist'), reason: 'acme-assets no longer exists (NoSuchBucket)' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding('public-read');
    aws.on('GET /acme-assets/?acl', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(aws.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it('is already fixed when the object is gone', async () => {
    // Prepare
    const { finding: f, plan } = finding('public-read', 'old.txt');
    aws.on('GET /acme-assets/old.txt?acl', s3Error(404, 'NoSuchKey', 'The specified key does not exist.'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'acme-assets/old.txt no longer exists (NoSuchKey)' });
  });

  it.each([
    { name: 'the read is denied', get: s3Error(403, 'AccessDenied', 'Access Denied'), reason: 'reading the ACL of acme-assets: AccessDenied: Access Denied' },
    { name: 'the write is rejected', get: acl(groupIn(ALL_USERS, 'READ')), reason: 'writing the ACL of acme-assets: AccessControlListNotSupported: The bucket does not allow ACLs' },
  ])('fails with the AWS error when $name', async ({ get, reason }) => {
    // Prepare
    const { finding: f, plan } = finding('public-read');
    aws.on('GET /acme-assets/?acl', get);
    aws.on('PUT /acme-assets/?acl', s3Error(400, 'AccessControlListNotSupported', 'The bucket does not allow ACLs'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason });
  });

  it('leaves the ACL untouched when the evidence is gone and another public grant is present: already-fixed', async () => {
    // Prepare: the finding is READ to AllUsers; the ACL now has WRITE to AuthenticatedUsers (another finding's evidence).
    const { finding: f, plan } = finding('public-read');
    aws.on('GET /acme-assets/?acl', acl(canonical(OWNER_ID, 'FULL_CONTROL'), groupIn(AUTH_USERS, 'WRITE')));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'the ACL of acme-assets no longer has the public grants' });
    expect(aws.calls.map((c) => c.method)).toEqual(['GET']);
  });
});
