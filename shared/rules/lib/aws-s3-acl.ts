/**
 * S3 ACL grants in every shape CloudTrail records them for `PutBucketAcl`,
 * `PutObjectAcl` and `CreateBucket` (S3 API reference, PutBucketAcl
 * "Request Syntax"; CloudTrail "Amazon S3 information in CloudTrail"):
 *
 * - a canned ACL in the `x-amz-acl` header, or in `acl` when it holds a
 *   canned name (`acl` is otherwise the empty `?acl` sub-resource marker);
 * - `x-amz-grant-read`, `-write`, `-read-acp`, `-write-acp`, `-full-control`
 *   headers at the top of `requestParameters` or nested under
 *   `accessControlList` (the shape the AWS CLI and SDKs produce for
 *   `--grant-*`); a value lists grantees separated by commas, each
 *   `uri=…`, `id=…` or `emailAddress=…`, quoted or not;
 * - an `AccessControlPolicy.AccessControlList.Grant` body, one grant or a list.
 *
 * ```json
 * {"bucketName":"acme-assets","acl":[""],
 *  "accessControlList":{"x-amz-grant-read":"uri=http://acs.amazonaws.com/groups/global/AllUsers"}}
 * ```
 *
 * Only the AllUsers and AuthenticatedUsers groups are public; canonical ids,
 * e-mail grantees and the LogDelivery group are not.
 */
import { asRecord } from '../../lib/guards.js';
import { items } from './aws-ip-permissions.js';

/** A public grant: the group and the permission. */
export interface PublicGrant {
  readonly grantee: string;
  readonly permission: string;
  /** Where it came from: `AccessControlPolicy`, `x-amz-acl: public-read`, `x-amz-grant-read`, ... */
  readonly via: string;
}

const CANNED: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  'public-read': [['AllUsers', 'READ']],
  'public-read-write': [
    ['AllUsers', 'READ'],
    ['AllUsers', 'WRITE'],
  ],
  'authenticated-read': [['AuthenticatedUsers', 'READ']],
};

const GRANT_HEADERS: Readonly<Record<string, string>> = {
  'x-amz-grant-read': 'READ',
  'x-amz-grant-write': 'WRITE',
  'x-amz-grant-read-acp': 'READ_ACP',
  'x-amz-grant-write-acp': 'WRITE_ACP',
  'x-amz-grant-full-control': 'FULL_CONTROL',
};

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

/** A field looked up without regard to case. */
function field(record: Readonly<Record<string, unknown>>, name: string): unknown {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(record)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * The public group a grantee URI names (`AllUsers`, `AuthenticatedUsers`),
 * tolerating `https`, letter case and a trailing slash; else `undefined`.
 */
export function publicGroupOf(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return undefined;
  const path = uri.trim().replace(/^"|"$/g, '').replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  if (path === 'acs.amazonaws.com/groups/global/allusers') return 'AllUsers';
  if (path === 'acs.amazonaws.com/groups/global/authenticatedusers') return 'AuthenticatedUsers';
  return undefined;
}

/** One grantee of a grant header: its kind (`uri`, `id`, `emailaddress`) and value. */
export interface HeaderGrantee {
  readonly kind: string;
  readonly value: string;
}

/** Parse `uri="…", id=…, emailAddress="…"` (commas separate grantees; quotes optional). */
export function headerGrantees(value: string): HeaderGrantee[] {
  const out: HeaderGrantee[] = [];
  for (const m of value.matchAll(/([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) {
    const kind = (m[1] ?? '').toLowerCase();
    const v = (m[2] ?? m[3] ?? '').trim();
    if (v !== '') out.push({ kind, value: v });
  }
  return out;
}

/** The places headers may sit: the request itself and `accessControlList`. */
function headerScopes(request: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>[] {
  const nested = field(request, 'accessControlList');
  return [request, ...(nested && typeof nested === 'object' && !Array.isArray(nested) ? [asRecord(nested)] : [])];
}

function cannedGrants(scope: Readonly<Record<string, unknown>>): PublicGrant[] {
  const out: PublicGrant[] = [];
  for (const header of ['x-amz-acl', 'acl']) {
    for (const value of headerValues(scope, header)) {
      const name = value.trim().toLowerCase();
      for (const [grantee, permission] of CANNED[name] ?? []) out.push({ grantee, permission, via: `${header}: ${name}` });
    }
  }
  return out;
}

function headerGrants(scope: Readonly<Record<string, unknown>>): PublicGrant[] {
  const out: PublicGrant[] = [];
  for (const [name, permission] of Object.entries(GRANT_HEADERS)) {
    for (const value of headerValues(scope, name)) {
      const groups = headerGrantees(value)
        .filter((g) => g.kind === 'uri')
        .map((g) => publicGroupOf(g.value));
      for (const grantee of new Set(groups)) if (grantee) out.push({ grantee, permission, via: name });
    }
  }
  return out;
}

function bodyGrants(request: Readonly<Record<string, unknown>>): PublicGrant[] {
  const policy = asRecord(field(request, 'AccessControlPolicy'));
  const acl = asRecord(field(policy, 'AccessControlList'));
  const out: PublicGrant[] = [];
  for (const grant of items(field(acl, 'Grant') ?? field(acl, 'Grants'))) {
    const grantee = asRecord(field(grant, 'Grantee'));
    const group = publicGroupOf(field(grantee, 'URI'));
    const raw = field(grant, 'Permission');
    const permission = typeof raw === 'string' ? raw.trim().toUpperCase() : 'UNKNOWN';
    if (group) out.push({ grantee: group, permission, via: 'AccessControlPolicy' });
  }
  return out;
}

/** Every grant to AllUsers/AuthenticatedUsers in the body, the canned ACL and the grant headers. */
export function publicGrants(request: Readonly<Record<string, unknown>>): PublicGrant[] {
  const scopes = headerScopes(request);
  const out = [...scopes.flatMap(cannedGrants), ...scopes.flatMap(headerGrants), ...bodyGrants(request)];
  const seen = new Set<string>();
  return out.filter((g) => {
    const key = `${g.grantee}|${g.permission}|${g.via}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
