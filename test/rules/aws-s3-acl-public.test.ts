import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-acl-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const OWNER_ID = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
const owner = { Grantee: { 'xsi:type': 'CanonicalUser', 'xmlns:xsi': XSI, ID: OWNER_ID }, Permission: 'FULL_CONTROL' };
const group = (uri: string, Permission: string) => ({ Grantee: { 'xsi:type': 'Group', 'xmlns:xsi': XSI, URI: uri }, Permission });

/** PutBucketAcl (or PutObjectAcl / CreateBucket) as S3 logs it: headers are one-element lists. */
function putAcl(request: Record<string, unknown>, eventName = 'PutBucketAcl') {
  return cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName,
    requestParameters: { bucketName: 'acme-assets', Host: 'acme-assets.s3.eu-west-1.amazonaws.com', acl: '', ...request },
    additionalEventData: { SignatureVersion: 'SigV4', AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': 'Jx1example' },
  });
}
const body = (grant: unknown) => ({
  AccessControlPolicy: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', Owner: { ID: OWNER_ID }, AccessControlList: { Grant: grant } },
});

describe('aws-s3-acl-public', () => {
  it.each([
    {
      name: 'a grant list with AllUsers READ',
      record: putAcl(body([owner, group(ALL_USERS, 'READ')])),
      severity: 'high',
      summary: 'acme-assets: READ to AllUsers (AccessControlPolicy)',
      grants: [{ grantee: 'AllUsers', permission: 'READ', via: 'AccessControlPolicy' }],
    },
    {
      name: 'a single Grant object to AuthenticatedUsers WRITE',
      record: putAcl(body(group(AUTH_USERS, 'WRITE'))),
      severity: 'critical',
      summary: 'acme-assets: WRITE to AuthenticatedUsers (AccessControlPolicy)',
      grants: [{ grantee: 'AuthenticatedUsers', permission: 'WRITE', via: 'AccessControlPolicy' }],
    },
    {
      name: 'AllUsers WRITE_ACP (anyone can rewrite the ACL)',
      record: putAcl(body([owner, group(ALL_USERS, 'WRITE_ACP')])),
      severity: 'critical',
      summary: 'acme-assets: WRITE_ACP to AllUsers (AccessControlPolicy)',
      grants: [{ grantee: 'AllUsers', permission: 'WRITE_ACP', via: 'AccessControlPolicy' }],
    },
    {
      name: 'a group URI written with https',
      record: putAcl(body([owner, group('https://acs.amazonaws.com/groups/global/AllUsers', 'READ_ACP')])),
      severity: 'high',
      summary: 'acme-assets: READ_ACP to AllUsers (AccessControlPolicy)',
      grants: [{ grantee: 'AllUsers', permission: 'READ_ACP', via: 'AccessControlPolicy' }],
    },
    {
      name: 'canned public-read as a header list',
      record: putAcl({ 'x-amz-acl': ['public-read'] }),
      severity: 'high',
      summary: 'acme-assets: READ to AllUsers (x-amz-acl: public-read)',
      grants: [{ grantee: 'AllUsers', permission: 'READ', via: 'x-amz-acl: public-read' }],
    },
    {
      name: 'canned public-read-write as a bare string',
      record: putAcl({ 'x-amz-acl': 'public-read-write' }),
      severity: 'critical',
      summary: 'acme-assets: READ to AllUsers (x-amz-acl: public-read-write), WRITE to AllUsers (x-amz-acl: public-read-write)',
      grants: [
        { grantee: 'AllUsers', permission: 'READ', via: 'x-amz-acl: public-read-write' },
        { grantee: 'AllUsers', permission: 'WRITE', via: 'x-amz-acl: public-read-write' },
      ],
    },
    {
      name: 'canned authenticated-read with a capitalized header name',
      record: putAcl({ 'X-Amz-Acl': ['authenticated-read'] }),
      severity: 'high',
      summary: 'acme-assets: READ to AuthenticatedUsers (x-amz-acl: authenticated-read)',
      grants: [{ grantee: 'AuthenticatedUsers', permission: 'READ', via: 'x-amz-acl: authenticated-read' }],
    },
    {
      name: 'an x-amz-grant-read header',
      record: putAcl({ 'x-amz-grant-read': [`uri="${ALL_USERS}"`] }),
      severity: 'high',
      summary: 'acme-assets: READ to AllUsers (x-amz-grant-read)',
      grants: [{ grantee: 'AllUsers', permission: 'READ', via: 'x-amz-grant-read' }],
    },
    {
      name: 'an x-amz-grant-full-control header listing an owner id and a public group',
      record: putAcl({ 'x-amz-grant-full-control': [`id="${OWNER_ID}", uri="${AUTH_USERS}"`] }),
      severity: 'critical',
      summary: 'acme-assets: FULL_CONTROL to AuthenticatedUsers (x-amz-grant-full-control)',
      grants: [{ grantee: 'AuthenticatedUsers', permission: 'FULL_CONTROL', via: 'x-amz-grant-full-control' }],
    },
    {
      name: 'a bucket created public-read',
      record: putAcl({ 'x-amz-acl': ['public-read'], CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }, 'CreateBucket'),
      severity: 'high',
      summary: 'acme-assets: READ to AllUsers (x-amz-acl: public-read)',
      grants: [{ grantee: 'AllUsers', permission: 'READ', via: 'x-amz-acl: public-read' }],
    },
  ])('fires on $name', ({ record, severity, summary, grants }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'public-bucket',
      severity,
      resource: {
        type: 's3-bucket',
        id: 'acme-assets',
        consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/acme-assets?tab=permissions',
      },
      evidence: { summary, details: { bucket: 'acme-assets', grants } },
      remediation: {
        action: 'aws-s3-remove-public-acl',
        target: { bucket: 'acme-assets', grants },
        summary: 'remove the AllUsers/AuthenticatedUsers grants from the ACL of acme-assets, keep the others',
      },
      dedupKey: `aws-s3-acl-public:${event.id}:acme-assets`,
    });
  });

  it('names the object key of a PutObjectAcl in the evidence and the target', () => {
    // Prepare
    const record = putAcl({ key: 'reports/q3.pdf', 'x-amz-acl': ['public-read'] }, 'PutObjectAcl');

    // Act
    const [finding] = rule.match(toEvent(record), ownContext);

    // Assess
    expect(finding).toMatchObject({
      resource: { type: 's3-bucket', id: 'acme-assets', name: 'acme-assets/reports/q3.pdf' },
      evidence: { summary: 'acme-assets/reports/q3.pdf: READ to AllUsers (x-amz-acl: public-read)', details: { key: 'reports/q3.pdf' } },
      remediation: { action: 'aws-s3-remove-public-acl', target: { bucket: 'acme-assets', key: 'reports/q3.pdf' } },
    });
  });

  it.each([
    { name: 'a canonical-user grant only', record: putAcl(body([owner, { ...owner, Permission: 'READ' }])) },
    { name: 'canned private', record: putAcl({ 'x-amz-acl': ['private'] }) },
    { name: 'bucket-owner-full-control', record: putAcl({ 'x-amz-acl': ['bucket-owner-full-control'] }) },
    { name: 'the LogDelivery group', record: putAcl(body([owner, group('http://acs.amazonaws.com/groups/s3/LogDelivery', 'WRITE')])) },
    { name: 'a grant header to a canonical user id', record: putAcl({ 'x-amz-grant-read': [`id="${OWNER_ID}"`] }) },
    { name: 'a grant header to the LogDelivery group', record: putAcl({ 'x-amz-grant-write': ['uri="http://acs.amazonaws.com/groups/s3/LogDelivery"'] }) },
    { name: 'a private bucket created', record: putAcl({ 'x-amz-acl': ['private'] }, 'CreateBucket') },
    { name: 'an ACL body of the wrong shape', record: putAcl({ AccessControlPolicy: 'not-xml' }) },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketAcl', requestParameters: null }) },
    { name: 'a public-read without a bucket name', record: putAcl({ bucketName: undefined, 'x-amz-acl': ['public-read'] }) },
    { name: 'a denied public-read', record: failed(putAcl({ 'x-amz-acl': ['public-read'] })) },
    { name: 'the same event name from another service', record: { ...putAcl({ 'x-amz-acl': ['public-read'] }), eventSource: 'ec2.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('aws-s3-acl-public: every shape CloudTrail records', () => {
  /** The AWS CLI / SDK `--grant-*` shape: headers nested under `accessControlList`, `acl` the empty sub-resource marker. */
  const nested = (headers: Record<string, unknown>, eventName = 'PutBucketAcl', extra: Record<string, unknown> = {}) =>
    putAcl({ acl: [''], accessControlList: headers, ...extra }, eventName);
  const EMAIL = 'emailAddress="ops@example.com"';
  it.each([
    { name: 'a nested unquoted AllUsers read (put-bucket-acl --grant-read)', record: nested({ 'x-amz-grant-read': `uri=${ALL_USERS}` }), grants: [['AllUsers', 'READ', 'x-amz-grant-read']] },
    { name: 'a nested header list with quoted grantees', record: nested({ 'x-amz-grant-read': [`id="${OWNER_ID}",uri="${AUTH_USERS}"`] }), grants: [['AuthenticatedUsers', 'READ', 'x-amz-grant-read']] },
    { name: 'a nested e-mail and AllUsers write-acp', record: nested({ 'x-amz-grant-write-acp': `${EMAIL}, uri="${ALL_USERS}"` }), grants: [['AllUsers', 'WRITE_ACP', 'x-amz-grant-write-acp']] },
    { name: 'nested read-acp and full-control together', record: nested({ 'x-amz-grant-read-acp': `uri=${ALL_USERS}`, 'x-amz-grant-full-control': `id=${OWNER_ID}` }), grants: [['AllUsers', 'READ_ACP', 'x-amz-grant-read-acp']] },
    { name: 'a PutObjectAcl with a nested full-control grant', record: nested({ 'x-amz-grant-full-control': `uri="${ALL_USERS}"` }, 'PutObjectAcl', { key: 'a.txt' }), grants: [['AllUsers', 'FULL_CONTROL', 'x-amz-grant-full-control']] },
    { name: 'a CreateBucket with a top-level write grant', record: putAcl({ 'x-amz-grant-write': [`uri="${AUTH_USERS}"`] }, 'CreateBucket'), grants: [['AuthenticatedUsers', 'WRITE', 'x-amz-grant-write']] },
    { name: 'a canned ACL nested under accessControlList', record: nested({ 'x-amz-acl': ['public-read'] }), grants: [['AllUsers', 'READ', 'x-amz-acl: public-read']] },
    { name: 'a canned ACL in the acl field', record: putAcl({ acl: 'authenticated-read' }), grants: [['AuthenticatedUsers', 'READ', 'acl: authenticated-read']] },
    { name: 'an AccessControlPolicy with a single Grant and a lower-case uri key', record: putAcl(body({ Grantee: { 'xsi:type': 'Group', uri: ALL_USERS }, Permission: 'read' })), grants: [['AllUsers', 'READ', 'AccessControlPolicy']] },
  ])('fires on $name', ({ record, grants }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    const expected = grants.map(([grantee, permission, via]) => ({ grantee, permission, via }));
    expect(findings[0]?.evidence.details.grants).toEqual(expected);
    expect(findings[0]?.remediation?.target.grants).toEqual(expected);
  });

  it.each([
    { name: 'nested grants to canonical ids only', record: nested({ 'x-amz-grant-read': `id="${OWNER_ID}", id="${OWNER_ID.replace('7', '8')}"` }) },
    { name: 'a nested e-mail grantee', record: nested({ 'x-amz-grant-full-control': EMAIL }) },
    { name: 'a nested log-delivery write', record: nested({ 'x-amz-grant-write': 'uri=http://acs.amazonaws.com/groups/s3/LogDelivery', 'x-amz-grant-read-acp': 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"' }) },
    { name: 'empty nested headers', record: nested({ 'x-amz-grant-read': '', 'x-amz-grant-write': [''] }) },
    { name: 'canned log-delivery-write', record: putAcl({ 'x-amz-acl': ['log-delivery-write'] }) },
    { name: 'an AllUsers uri inside an id value', record: nested({ 'x-amz-grant-read': `id="${ALL_USERS}"` }) },
    { name: 'a denied nested AllUsers grant', record: failed(nested({ 'x-amz-grant-read': `uri=${ALL_USERS}` })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
