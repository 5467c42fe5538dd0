/**
 * Yandex access-binding deltas: which ADDs are dangerous, and which resource
 * an `…AccessBindings` event is about.
 */
import { scalarText } from './scalars.js';
import { asRecord } from '../../formats/common.js';
import type { AuditEvent, Resource, Severity } from '../../types.js';
import { yandexConsole } from './console-urls.js';

/** One granted binding. */
export interface Grant {
  readonly roleId: string;
  readonly subjectId: string;
  readonly subjectType: string;
  readonly subjectName: string | null;
}

/** Subjects that mean "anyone": no auth, or any Yandex account. */
const PUBLIC_SUBJECTS = new Set(['allusers', 'allauthenticatedusers']);

/** True for anyone-subjects. */
export function isPublicSubject(subjectId: string): boolean {
  return PUBLIC_SUBJECTS.has(subjectId.toLowerCase());
}

/** True for admin/editor/owner-class roles: `admin`, `editor`, `owner`, `*.admin`, `*.owner`, `*.editor`. */
export function isPowerfulRole(roleId: string): boolean {
  const role = roleId.toLowerCase();
  return ['admin', 'editor', 'owner'].includes(role) || /\.(admin|owner|editor)$/.test(role);
}

/** Deltas with `action: ADD` (never the resulting `access_bindings` list). */
export function addedBindings(details: Readonly<Record<string, unknown>>): Grant[] {
  const deltas = Array.isArray(details.access_binding_deltas) ? details.access_binding_deltas : [];
  const out: Grant[] = [];
  for (const delta of deltas.map(asRecord)) {
    if (scalarText(delta.action)?.toUpperCase() !== 'ADD') continue;
    const binding = asRecord(delta.access_binding);
    const subject = asRecord(binding.subject);
    const roleId = binding.role_id;
    const subjectId = binding.subject_id ?? subject.id;
    if (typeof roleId !== 'string' || typeof subjectId !== 'string') continue;
    const subjectName = binding.subject_name;
    out.push({
      roleId,
      subjectId,
      subjectType: scalarText(binding.subject_type) ?? scalarText(subject.type) ?? 'UNKNOWN',
      subjectName: typeof subjectName === 'string' ? subjectName : null,
    });
  }
  return out;
}

/** Resource kinds, as the remediation API names them, by event type suffix. */
const KINDS: readonly { suffix: RegExp; kind: string; idKey: string; nameKey: string }[] = [
  { suffix: /FolderAccessBindings$/, kind: 'folder', idKey: 'folder_id', nameKey: 'folder_name' },
  { suffix: /CloudAccessBindings$/, kind: 'cloud', idKey: 'cloud_id', nameKey: 'cloud_name' },
  { suffix: /OrganizationAccessBindings$/, kind: 'organization', idKey: 'organization_id', nameKey: 'organization_name' },
  { suffix: /GroupAccessBindings$/, kind: 'group', idKey: 'group_id', nameKey: 'group_name' },
  { suffix: /ServiceAccountAccessBindings$/, kind: 'serviceAccount', idKey: 'service_account_id', nameKey: 'service_account_name' },
  { suffix: /SecretAccessBindings$/, kind: 'secret', idKey: 'secret_id', nameKey: 'secret_name' },
  { suffix: /KeyAccessBindings$/, kind: 'kmsKey', idKey: 'key_id', nameKey: 'key_name' },
];

/** The resource an access-binding event changed, with its API kind. */
export function bindingTarget(event: AuditEvent): (Resource & { kind: string }) | undefined {
  const entry = KINDS.find((k) => k.suffix.test(event.action));
  if (!entry) return undefined;
  const id = event.request[entry.idKey];
  if (typeof id !== 'string' || id === '') return undefined;
  const nameValue = event.request[entry.nameKey];
  const name = typeof nameValue === 'string' && nameValue !== '' ? nameValue : undefined;
  return { kind: entry.kind, type: `yandex-${entry.kind}`, id, ...(name ? { name } : {}), ...consoleUrl(entry.kind, id, event) };
}

function consoleUrl(kind: string, id: string, event: AuditEvent): { consoleUrl?: string } {
  const folder = event.scope.folder;
  switch (kind) {
    case 'folder': return { consoleUrl: yandexConsole.folder(id) };
    case 'cloud': return { consoleUrl: yandexConsole.cloud(id) };
    case 'organization': return { consoleUrl: yandexConsole.organization(id) };
    case 'serviceAccount': return { consoleUrl: yandexConsole.serviceAccount(folder, id) };
    case 'secret': return { consoleUrl: yandexConsole.secret(folder, id) };
    case 'kmsKey': return { consoleUrl: yandexConsole.kmsKey(folder, id) };
    default: return {};
  }
}

/** Public grants and owners of an org/cloud are critical; other power roles high. */
export function grantSeverity(grant: Grant, kind: string): Severity {
  if (isPublicSubject(grant.subjectId)) return 'critical';
  const role = grant.roleId.toLowerCase();
  const top = kind === 'organization' || kind === 'cloud';
  if (top && (role === 'owner' || role === 'admin' || role.endsWith('.owner') || role === 'organization-manager.admin')) return 'critical';
  return 'high';
}

/** Audit subject types → API subject types, for the REMOVE delta. */
export const API_SUBJECT_TYPE: Readonly<Record<string, string>> = {
  YANDEX_PASSPORT_USER_ACCOUNT: 'userAccount',
  SERVICE_ACCOUNT: 'serviceAccount',
  FEDERATED_USER_ACCOUNT: 'federatedUser',
  SYSTEM: 'system',
  GROUP: 'group',
};
