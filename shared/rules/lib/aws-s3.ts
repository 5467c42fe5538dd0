/**
 * S3 request details as CloudTrail writes them: headers are lists of
 * strings (`"x-amz-acl": ["public-read"]`), the ACL body is
 * `AccessControlPolicy.AccessControlList.Grant` (one object or a list).
 */
import { asRecord } from '../../formats/common.js';
import type { AuditEvent, Resource } from '../../types.js';
import { awsConsole } from './console-urls.js';
import { items } from './aws-ip-permissions.js';

/** The `eventSource` of S3 (bucket and account-level S3 Control) events. */
export const S3_SOURCE = 's3.amazonaws.com';

/**
 * Every string value of a request header, looked up without regard to case
 * (CloudTrail writes headers as lists: `"x-amz-acl": ["public-read"]`, but a
 * bare string is accepted too).
 */
export function headerValues(request: Readonly<Record<string, unknown>>, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(request)) {
    if (key.toLowerCase() !== wanted) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') out.push(v);
  }
  return out;
}

/** One header value (CloudTrail writes headers as one-element lists). */
export function header(request: Readonly<Record<string, unknown>>, name: string): string | undefined {
  return headerValues(request, name)[0];
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

/**
 * The public group a grantee URI names (`AllUsers`, `AuthenticatedUsers`),
 * tolerating `https`, letter case and a trailing slash; else `undefined`.
 */
export function publicGroupOf(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return undefined;
  const path = uri.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  if (path === 'acs.amazonaws.com/groups/global/allusers') return 'AllUsers';
  if (path === 'acs.amazonaws.com/groups/global/authenticatedusers') return 'AuthenticatedUsers';
  return undefined;
}

/** Grantee URIs in an `x-amz-grant-*` header: `uri="…", id="…"` (quotes optional). */
function headerUris(value: string): string[] {
  return [...value.matchAll(/\buri\s*=\s*"?([^",\s]+)"?/gi)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Every grant to AllUsers/AuthenticatedUsers in the body, the canned ACL and the grant headers. */
export function publicGrants(request: Readonly<Record<string, unknown>>): PublicGrant[] {
  const out: PublicGrant[] = [];
  for (const canned of headerValues(request, 'x-amz-acl')) out.push(...(CANNED[canned.trim().toLowerCase()] ?? []));
  for (const [name, permission] of Object.entries(GRANT_HEADERS)) {
    for (const value of headerValues(request, name)) {
      for (const group of new Set(headerUris(value).map(publicGroupOf))) {
        if (group) out.push({ grantee: group, permission, via: name });
      }
    }
  }
  const acl = asRecord(asRecord(request.AccessControlPolicy).AccessControlList);
  for (const grant of items(acl.Grant)) {
    const grantee = asRecord(grant.Grantee);
    const group = publicGroupOf(grantee.URI ?? grantee.uri);
    const permission = typeof grant.Permission === 'string' ? grant.Permission.toUpperCase() : 'UNKNOWN';
    if (group) out.push({ grantee: group, permission, via: 'AccessControlPolicy' });
  }
  return out;
}
