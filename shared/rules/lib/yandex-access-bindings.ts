/**
 * Yandex access-binding deltas: which ADDs are dangerous, and which resource
 * an `…AccessBindings` event is about.
 *
 * ```json
 * {"folder_id":"b1g…","folder_name":"backend",
 *  "access_binding_deltas":[{"action":"ADD","access_binding":{"role_id":"admin",
 *    "subject_id":"aje…","subject_type":"YANDEX_PASSPORT_USER_ACCOUNT","subject_name":"contractor.dev"}}]}
 * ```
 *
 * Storage's `BucketAccessBindingsUpdate` writes `deltas[{action, access_binding{role_id, subject{id, type}}}]`
 * with `action` as the proto enum number (`1` = ADD); both forms are read.
 */
import { asRecord } from '../../lib/guards.js';
import type { AuditEvent, Resource, Severity } from '../../types.js';
import { yandexConsole } from './console-urls.js';
import { scalarText } from './scalars.js';

/** One granted binding. */
export interface Grant {
  readonly roleId: string;
  readonly subjectId: string;
  /** As logged: `YANDEX_PASSPORT_USER_ACCOUNT`, `SERVICE_ACCOUNT`, `SYSTEM`, … */
  readonly subjectType: string;
  readonly subjectName: string | null;
}

/** Subjects that mean "anyone": no auth, or any Yandex account. */
const PUBLIC_SUBJECTS = new Set(['allusers', 'allauthenticatedusers']);

/** True for anyone-subjects (`allUsers`, `allAuthenticatedUsers`, also written `system:allUsers`). */
export function isPublicSubject(subjectId: string): boolean {
  return PUBLIC_SUBJECTS.has(subjectId.toLowerCase().replace(/^system:/, ''));
}

/** True for admin/owner-class roles: `admin`, `editor`, `owner`, `*.admin`, `*.owner`. */
export function isPowerfulRole(roleId: string): boolean {
  const role = roleId.trim().toLowerCase();
  return role === 'admin' || role === 'editor' || role === 'owner' || /\.(admin|owner)$/.test(role);
}

/** `ADD`, `ACCESS_BINDING_ACTION_ADD`, or the enum number `1`. */
function isAdd(action: unknown): boolean {
  const a = scalarText(action)?.trim().toUpperCase();
  return a === 'ADD' || a === 'ACCESS_BINDING_ACTION_ADD' || a === '1';
}

/** Deltas with action ADD (never the resulting `access_bindings` list, which holds what was there before). */
export function addedBindings(details: Readonly<Record<string, unknown>>): Grant[] {
  const deltas = [details.access_binding_deltas, details.deltas].flatMap((d) => (Array.isArray(d) ? d : []));
  const out: Grant[] = [];
  for (const delta of deltas.map(asRecord)) {
    if (!isAdd(delta.action)) continue;
    const binding = asRecord(delta.access_binding ?? delta.accessBinding);
    const subject = asRecord(binding.subject);
    const roleId = scalarText(binding.role_id ?? binding.roleId);
    const subjectId = scalarText(binding.subject_id ?? subject.id);
    if (!roleId || !subjectId) continue;
    const subjectName = scalarText(binding.subject_name ?? subject.name);
    out.push({
      roleId,
      subjectId,
      subjectType: scalarText(binding.subject_type ?? subject.type) ?? 'UNKNOWN',
      subjectName: subjectName || null,
    });
  }
  return out;
}

/** The resource kinds, as the remediation names them, by event type. */
const KINDS: readonly { suffix: RegExp; kind: string; idKey: string; nameKey: string; scope?: 'folder' | 'cloud' | 'organization' }[] = [
  { suffix: /FolderAccessBindings$/, kind: 'folder', idKey: 'folder_id', nameKey: 'folder_name', scope: 'folder' },
  { suffix: /CloudAccessBindings$/, kind: 'cloud', idKey: 'cloud_id', nameKey: 'cloud_name', scope: 'cloud' },
  { suffix: /OrganizationAccessBindings$/, kind: 'organization', idKey: 'organization_id', nameKey: 'organization_name', scope: 'organization' },
  { suffix: /GroupAccessBindings$/, kind: 'group', idKey: 'group_id', nameKey: 'group_name' },
  { suffix: /ServiceAccountAccessBindings$/, kind: 'serviceAccount', idKey: 'service_account_id', nameKey: 'service_account_name' },
  { suffix: /SecretAccessBindings$/, kind: 'secret', idKey: 'secret_id', nameKey: 'secret_name' },
  { suffix: /KeyAccessBindings$/, kind: 'kmsKey', idKey: 'key_id', nameKey: 'key_name' },
  { suffix: /BucketAccessBindingsUpdate$/, kind: 'bucket', idKey: 'bucket_id', nameKey: 'bucket_id' },
];

/** The resource an access-binding event changed, with its kind; `id` is `undefined` when the log names none. */
export interface BindingTarget {
  readonly kind: string;
  readonly id: string | undefined;
  readonly resource: Resource;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The resource of an access-binding event: its id from `details` (for a
 * folder, cloud or organization the resource path is the fallback), or
 * `undefined` when the event is not an access-binding event.
 */
export function bindingTarget(event: AuditEvent): BindingTarget | undefined {
  const entry = KINDS.find((k) => k.suffix.test(event.action));
  if (!entry) return undefined;
  const id = text(event.request[entry.idKey]) ?? (entry.scope ? event.scope[entry.scope] : undefined);
  const name = text(event.request[entry.nameKey]) ?? (entry.scope === 'folder' ? event.scope.folderName : entry.scope === 'cloud' ? event.scope.cloudName : undefined);
  const url = id ? consoleUrl(entry.kind, id, event.scope.folder) : undefined;
  const resource: Resource = { type: `yandex-${entry.kind}`, id: id ?? 'unknown', ...(name ? { name } : {}), ...(url ? { consoleUrl: url } : {}) };
  return { kind: entry.kind, id, resource };
}

function consoleUrl(kind: string, id: string, folder: string | undefined): string | undefined {
  switch (kind) {
    case 'folder': return yandexConsole.folder(id);
    case 'cloud': return yandexConsole.cloud(id);
    case 'organization': return yandexConsole.organization(id);
    case 'serviceAccount': return yandexConsole.serviceAccount(folder, id);
    case 'secret': return yandexConsole.secret(folder, id);
    case 'kmsKey': return yandexConsole.kmsKey(folder, id);
    case 'bucket': return yandexConsole.bucket(folder, id);
    default: return undefined;
  }
}

/** Roles that own an organization or cloud: whoever holds them can grant themselves anything. */
function ownsTop(role: string): boolean {
  return role === 'admin' || role === 'owner' || role.endsWith('.owner') || role === 'organization-manager.admin' || role === 'resource-manager.admin';
}

/** Public grants, and owner/admin on an organization or cloud, are critical; other powerful roles high. */
export function grantSeverity(grant: Grant, kind: string): Severity {
  if (isPublicSubject(grant.subjectId)) return 'critical';
  const top = kind === 'organization' || kind === 'cloud';
  return top && ownsTop(grant.roleId.trim().toLowerCase()) ? 'critical' : 'high';
}

/** Audit subject types → API subject types, for the REMOVE delta (API spellings pass through). */
export const API_SUBJECT_TYPE: Readonly<Record<string, string>> = {
  YANDEX_PASSPORT_USER_ACCOUNT: 'userAccount',
  SERVICE_ACCOUNT: 'serviceAccount',
  FEDERATED_USER_ACCOUNT: 'federatedUser',
  SYSTEM: 'system',
  GROUP: 'group',
};

/** The subject of a grant as the API names it, for the REMOVE delta (`system:allUsers` → `{id: 'allUsers', type: 'system'}`). */
export function apiSubject(grant: Grant): { id: string; type: string } {
  if (isPublicSubject(grant.subjectId)) return { id: grant.subjectId.replace(/^system:/i, ''), type: 'system' };
  return { id: grant.subjectId, type: API_SUBJECT_TYPE[grant.subjectType.toUpperCase()] ?? grant.subjectType };
}
