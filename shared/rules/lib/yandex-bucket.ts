/**
 * Yandex Object Storage details as Audit Trails writes them: anonymous
 * access flags (strings or booleans), ACL grants (the `acl.grants[]` form and
 * the legacy `rule` JSON string), and the resource of a bucket finding.
 *
 * ```json
 * {"bucket_id":"acme-media","objects_access":"true","list_access":"false",
 *  "acl":{"grants":[{"permission":"READ","grant_type":"ALL_USERS"}]},
 *  "rule":"{\"Grants\":[{\"Permission\":\"WRITE\",\"GrantType\":\"allAuthenticatedUsers\",\"GranteeID\":\"\"}]}"}
 * ```
 */
import type { AuditEvent, Resource } from '../../types.js';
import { isTrueFlag } from '../../formats/common.js';
import { asRecord } from '../../lib/guards.js';
import { yandexConsole } from './console-urls.js';

/** An anonymous access flag, named as the Storage API names it. */
export type AnonymousFlag = 'read' | 'list' | 'configRead';

/** One public ACL grant. */
export interface PublicGrant {
  /** `ALL_USERS` or `ALL_AUTHENTICATED_USERS`. */
  readonly grantType: 'ALL_USERS' | 'ALL_AUTHENTICATED_USERS';
  /** `READ`, `WRITE`, `FULL_CONTROL`, `READ_ACP`, `WRITE_ACP`, or `UNKNOWN` when not logged. */
  readonly permission: string;
}

/** The bucket a storage event names, and its finding resource. */
export interface BucketRef {
  /** The bucket name, when the event names it (remediation needs it). */
  readonly name?: string;
  readonly resource: Resource;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The bucket of a storage event: `bucket_id` (the name) or `bucket`. When
 * neither is there the finding still gets a stable resource (the logged
 * `resource_id`, else `unknown`) but no name, so no remediation targets it.
 *
 * @param event - a normalized storage event
 */
export function bucketOf(event: AuditEvent): BucketRef {
  const details = event.request;
  const name = text(details.bucket_id) ?? text(details.bucket) ?? text(details.bucket_name);
  if (name) {
    return { name, resource: { type: 'yandex-bucket', id: name, consoleUrl: yandexConsole.bucket(event.scope.folder, name) } };
  }
  return { resource: { type: 'yandex-bucket', id: text(details.resource_id) ?? 'unknown' } };
}

/**
 * The anonymous access flags an event turns on: `objects_access` → `read`,
 * `list_access` → `list`, `settings_read_access` → `configRead` (`"true"` or
 * `true`), or the nested API form `anonymous_access_flags {read, list, config_read}`.
 *
 * @param details - the event's `details`
 */
export function anonymousFlagsOn(details: Readonly<Record<string, unknown>>): AnonymousFlag[] {
  const nested = asRecord(details.anonymous_access_flags ?? details.anonymousAccessFlags);
  const on: AnonymousFlag[] = [];
  if (isTrueFlag(details.objects_access) || isTrueFlag(nested.read)) on.push('read');
  if (isTrueFlag(details.list_access) || isTrueFlag(nested.list)) on.push('list');
  if (isTrueFlag(details.settings_read_access) || isTrueFlag(nested.config_read) || isTrueFlag(nested.configRead)) {
    on.push('configRead');
  }
  return on;
}

/** A grant type in any of its spellings (`ALL_USERS`, `GRANT_TYPE_ALL_USERS`, `allUsers`, an S3 group URI), if public. */
function publicType(value: unknown): PublicGrant['grantType'] | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value
    .replace(/^.*\/groups\/global\//i, '')
    .replace(/^GRANT_TYPE_/i, '')
    .replace(/_/g, '')
    .toLowerCase();
  if (v === 'allusers') return 'ALL_USERS';
  if (v === 'allauthenticatedusers' || v === 'authenticatedusers') return 'ALL_AUTHENTICATED_USERS';
  return undefined;
}

function permissionOf(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value.replace(/^PERMISSION_/i, '').toUpperCase() : 'UNKNOWN';
}

/** The public grant of one grant object (either spelling), or `undefined`. */
function toPublicGrant(g: Readonly<Record<string, unknown>>): PublicGrant | undefined {
  const grantee = asRecord(g.grantee ?? g.Grantee);
  const type = [g.grant_type, g.grantType, g.GrantType, grantee.grant_type, grantee.type, grantee.URI, grantee.uri, g.GranteeURI]
    .map(publicType)
    .find((t) => t !== undefined);
  return type ? { grantType: type, permission: permissionOf(g.permission ?? g.Permission) } : undefined;
}

/**
 * Public grants in `acl.grants[]` and in the legacy `rule` string
 * `{"Grants":[{"Permission":"READ","GrantType":"allUsers","GranteeID":""}]}`.
 * A `rule` that is not JSON gives no grants; a grant listed twice counts once.
 *
 * @param details - the event's `details`
 */
export function publicGrants(details: Readonly<Record<string, unknown>>): PublicGrant[] {
  const grants = [...listOf(asRecord(details.acl).grants), ...legacyGrants(details.rule)];
  const found = new Map<string, PublicGrant>();
  for (const grant of grants.map(asRecord).flatMap((g) => toPublicGrant(g) ?? [])) {
    found.set(`${grant.permission} ${grant.grantType}`, grant);
  }
  return [...found.values()];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function legacyGrants(rule: unknown): unknown[] {
  let value: unknown = rule;
  if (typeof rule === 'string') {
    try {
      value = JSON.parse(rule);
    } catch {
      return [];
    }
  }
  const doc = asRecord(value);
  return listOf(doc.Grants ?? doc.grants ?? asRecord(doc.AccessControlList).Grants);
}
