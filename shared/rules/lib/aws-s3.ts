/**
 * S3 request details as CloudTrail writes them: headers are lists of
 * strings (`"x-amz-acl": ["public-read"]`), the ACL body is
 * `AccessControlPolicy.AccessControlList.Grant` (one object or a list).
 */
import { asRecord } from '../../formats/common.js';
import type { AuditEvent, Resource } from '../../types.js';
import { awsConsole } from './console-urls.js';
import { items } from './aws-ip-permissions.js';

export const S3_SOURCE = 's3.amazonaws.com';

/** The global groups that mean "everyone". */
export const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

/** One header value (CloudTrail writes headers as one-element lists). */
export function header(request: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = request[name] ?? request[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** The bucket name of an S3 event. */
export function bucketName(event: AuditEvent): string | undefined {
  const name = event.request.bucketName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The resource of a bucket finding. */
export function bucketResource(bucket: string): Resource {
  return { type: 's3-bucket', id: bucket, consoleUrl: awsConsole.bucket(bucket) };
}

/** A public grant: the group and the permission. */
export interface PublicGrant {
  readonly grantee: string;
  readonly permission: string;
  /** Where it came from: `AccessControlPolicy`, `x-amz-acl`, `x-amz-grant-read`, ... */
  readonly via: string;
}

const CANNED: Readonly<Record<string, readonly PublicGrant[]>> = {
  'public-read': [{ grantee: 'AllUsers', permission: 'READ', via: 'x-amz-acl: public-read' }],
  'public-read-write': [
    { grantee: 'AllUsers', permission: 'READ', via: 'x-amz-acl: public-read-write' },
    { grantee: 'AllUsers', permission: 'WRITE', via: 'x-amz-acl: public-read-write' },
  ],
  'authenticated-read': [{ grantee: 'AuthenticatedUsers', permission: 'READ', via: 'x-amz-acl: authenticated-read' }],
};

const GRANT_HEADERS: Readonly<Record<string, string>> = {
  'x-amz-grant-read': 'READ',
  'x-amz-grant-write': 'WRITE',
  'x-amz-grant-read-acp': 'READ_ACP',
  'x-amz-grant-write-acp': 'WRITE_ACP',
  'x-amz-grant-full-control': 'FULL_CONTROL',
};

/** Every grant to AllUsers/AuthenticatedUsers in the body, the canned ACL and the grant headers. */
export function publicGrants(request: Readonly<Record<string, unknown>>): PublicGrant[] {
  const out: PublicGrant[] = [...(CANNED[header(request, 'x-amz-acl')?.toLowerCase() ?? ''] ?? [])];
  for (const [name, permission] of Object.entries(GRANT_HEADERS)) {
    const value = header(request, name);
    if (!value) continue;
    for (const [uri, group] of Object.entries(PUBLIC_GROUPS)) {
      if (value.includes(uri)) out.push({ grantee: group, permission, via: name });
    }
  }
  const acl = asRecord(asRecord(request.AccessControlPolicy).AccessControlList);
  for (const grant of items(acl.Grant)) {
    const grantee = asRecord(grant.Grantee);
    const group = PUBLIC_GROUPS[String(grantee.URI ?? '')];
    if (group) out.push({ grantee: group, permission: String(grant.Permission ?? 'UNKNOWN'), via: 'AccessControlPolicy' });
  }
  return out;
}
