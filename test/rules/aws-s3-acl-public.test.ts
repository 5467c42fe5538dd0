import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-acl-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const owner = { Grantee: { 'xsi:type': 'CanonicalUser', ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', xmlns_xsi: 'http://www.w3.org/2001/XMLSchema-instance' }, Permission: 'FULL_CONTROL' };
const group = (uri: string, Permission: string) => ({ Grantee: { 'xsi:type': 'Group', URI: uri }, Permission });

function putAcl(request: Record<string, unknown>, eventName = 'PutBucketAcl') {
  return cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName,
    requestParameters: { bucketName: 'acme-assets', Host: 'acme-assets.s3.eu-west-1.amazonaws.com', acl: '', ...request },
  });
}
const body = (grant: unknown) => ({
  AccessControlPolicy: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', Owner: { ID: owner.Grantee.ID }, AccessControlList: { Grant: grant } },
});

describe('aws-s3-acl-public', () => {
  it.each([
    { name: 'a grant list with AllUsers READ', record: putAcl(body([owner, group(ALL_USERS, 'READ')])), severity: 'high', summary: 'acme-assets: READ to AllUsers (AccessControlPolicy)' },
    { name: 'a single Grant object to AuthenticatedUsers WRITE', record: putAcl(body(group(AUTH_USERS, 'WRITE'))), severity: 'critical', summary: 'acme-assets: WRITE to AuthenticatedUsers (AccessControlPolicy)' },
    { name: 'canned public-read as a header list', record: putAcl({ 'x-amz-acl': ['public-read'] }), severity: 'high', summary: 'acme-assets: READ to AllUsers (x-amz-acl: public-read)' },
    { name: 'canned public-read-write', record: putAcl({ 'x-amz-acl': 'public-read-write' }), severity: 'critical', summary: 'acme-assets: READ to AllUsers (x-amz-acl: public-read-write), WRITE to AllUsers (x-amz-acl: public-read-write)' },
    { name: 'an x-amz-grant-read header', record: putAcl({ 'x-amz-grant-read': [`uri="${ALL_USERS}"`] }), severity: 'high', summary: 'acme-assets: READ to AllUsers (x-amz-grant-read)' },
    { name: 'a bucket created public-read', record: putAcl({ 'x-amz-acl': ['public-read'] }, 'CreateBucket'), severity: 'high', summary: 'acme-assets: READ to AllUsers (x-amz-acl: public-read)' },
    { name: 'an object ACL', record: putAcl({ key: 'reports/q3.pdf', 'x-amz-acl': ['public-read'] }, 'PutObjectAcl'), severity: 'high', summary: 'acme-assets/reports/q3.pdf: READ to AllUsers (x-amz-acl: public-read)' },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'public-bucket',
      severity,
      resource: { type: 's3-bucket', id: 'acme-assets', consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/acme-assets?tab=permissions' },
      evidence: { summary },
      remediation: { action: 'aws-s3-remove-public-acl', target: { bucket: 'acme-assets' } },
    });
  });

  it.each([
    { name: 'a canonical-user grant only', record: putAcl(body([owner, { ...owner, Permission: 'READ' }])) },
    { name: 'canned private', record: putAcl({ 'x-amz-acl': ['private'] }) },
    { name: 'bucket-owner-full-control', record: putAcl({ 'x-amz-acl': ['bucket-owner-full-control'] }) },
    { name: 'the LogDelivery group', record: putAcl(body([owner, group('http://acs.amazonaws.com/groups/s3/LogDelivery', 'WRITE')])) },
    { name: 'a denied public-read', record: failed(putAcl({ 'x-amz-acl': ['public-read'] })) },
    { name: 'the same event name from another service', record: { ...putAcl({ 'x-amz-acl': ['public-read'] }), eventSource: 'ec2.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
