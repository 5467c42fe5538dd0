/**
 * Yandex Object Storage details as Audit Trails writes them: anonymous
 * access flags (strings or booleans), ACL grants (new `acl.grants[]` form and
 * the legacy `rule` JSON string), and the resource of a bucket finding.
 */
import type { AuditEvent, Resource } from '../../types.js';
import { asRecord, isTrueFlag } from '../../formats/common.js';
import { yandexConsole } from './console-urls.js';

/** One public ACL grant. */
export interface PublicGrant {
  /** `ALL_USERS` or `ALL_AUTHENTICATED_USERS`. */
  readonly grantType: 'ALL_USERS' | 'ALL_AUTHENTICATED_USERS';
  /** `READ`, `WRITE`, `FULL_CONTROL`, `READ_ACP`, `WRITE_ACP`. */
  readonly permission: string;
}

/** The bucket name of a storage event. */
export function bucketOf(event: AuditEvent): string | undefined {
  const name = event.request.bucket_id ?? event.request.bucket;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The resource of a bucket finding, with its console link. */
export function bucketResource(event: AuditEvent, bucket: string): Resource {
  return { type: 'yandex-bucket', id: bucket, consoleUrl: yandexConsole.bucket(event.scope.folder, bucket) };
}

/** Anonymous access flags that are on: `read` (objects), `list`, `configRead`. */
export function anonymousFlagsOn(details: Readonly<Record<string, unknown>>): ('read' | 'list' | 'configRead')[] {
  const nested = asRecord(details.anonymous_access_flags);
  const on: ('read' | 'list' | 'configRead')[] = [];
  if (isTrueFlag(details.objects_access) || isTrueFlag(nested.read)) on.push('read');
  if (isTrueFlag(details.list_access) || isTrueFlag(nested.list)) on.push('list');
  if (isTrueFlag(details.settings_read_access) || isTrueFlag(nested.config_read)) on.push('configRead');
  return on;
}

/** Normalize a grant type from any of its spellings, or `undefined` if not public. */
function publicType(value: unknown): PublicGrant['grantType'] | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.replace(/^GRANT_TYPE_/i, '').replace(/_/g, '').toLowerCase();
  if (v === 'allusers') return 'ALL_USERS';
  if (v === 'allauthenticatedusers') return 'ALL_AUTHENTICATED_USERS';
  return undefined;
}

function permissionOf(value: unknown): string {
  return typeof value === 'string' ? value.replace(/^PERMISSION_/i, '').toUpperCase() : 'UNKNOWN';
}

/** Public grants in `acl.grants[]` and in the legacy `rule` string `{"Grants":[…]}`. */
export function publicGrants(details: Readonly<Record<string, unknown>>): PublicGrant[] {
  const out: PublicGrant[] = [];
  const grants = asRecord(details.acl).grants;
  for (const grant of Array.isArray(grants) ? grants : []) {
    const g = asRecord(grant);
    const type = publicType(g.grant_type ?? g.grantType ?? asRecord(g.grantee).grant_type);
    if (type) out.push({ grantType: type, permission: permissionOf(g.permission) });
  }
  for (const grant of legacyGrants(details.rule)) {
    const type = publicType(grant.GrantType ?? grant.grantType);
    if (type) out.push({ grantType: type, permission: permissionOf(grant.Permission ?? grant.permission) });
  }
  return out;
}

function legacyGrants(rule: unknown): Record<string, unknown>[] {
  let value: unknown = rule;
  if (typeof rule === 'string') {
    try {
      value = JSON.parse(rule);
    } catch {
      return [];
    }
  }
  const grants = asRecord(value).Grants ?? asRecord(value).grants;
  return Array.isArray(grants) ? grants.map(asRecord) : [];
}
