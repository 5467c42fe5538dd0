/**
 * Yandex Cloud access bindings that ADD power: admin, editor, owner or any
 * `*.admin`/`*.owner`/`*.editor` role, or any role at all to `allUsers` /
 * `allAuthenticatedUsers`, on organizations, clouds, folders, groups,
 * service accounts, Lockbox secrets and KMS keys. Decided on the deltas, never
 * on the resulting binding list (which holds what was there before).
 */
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { maxSeverity } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import {
  API_SUBJECT_TYPE,
  addedBindings,
  bindingTarget,
  grantSeverity,
  isPowerfulRole,
  isPublicSubject,
} from './lib/yandex-access-bindings.js';

const audit = (service: string, names: readonly string[]) =>
  names.flatMap((n) => [`yandex.cloud.audit.${service}.Update${n}AccessBindings`, `yandex.cloud.audit.${service}.Set${n}AccessBindings`]);

const ACTIONS = [
  ...audit('resourcemanager', ['Folder', 'Cloud']),
  ...audit('organizationmanager', ['Organization', 'Group']),
  ...audit('iam', ['ServiceAccount']),
  ...audit('lockbox', ['Secret']),
  ...audit('kms', ['SymmetricKey', 'AsymmetricEncryptionKey', 'AsymmetricSignatureKey']),
] as const;

export const rule: Rule = {
  id: 'yandex-access-binding-grant',
  cloud: 'yandex',
  category: 'role-grant',
  severity: 'high',
  title: 'Powerful role granted',
  runbook:
    'Confirm with the actor that the grant was intended; if not, remove the binding and review what the grantee did since.',
  actions: ACTIONS,
  remediations: ['yandex-remove-access-binding'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const target = bindingTarget(event);
    const grants = addedBindings(event.request).filter((g) => isPowerfulRole(g.roleId) || isPublicSubject(g.subjectId));
    if (!target || grants.length === 0) return [];
    const { kind, ...resource } = target;
    const summary = grants
      .map((g) => `${g.roleId} to ${g.subjectName ?? g.subjectId}${g.subjectName && g.subjectName !== g.subjectId ? ` (${g.subjectId})` : ''}`)
      .join('; ');
    const bindings = grants.map((g) => ({
      roleId: g.roleId,
      subject: { id: g.subjectId, type: API_SUBJECT_TYPE[g.subjectType] ?? g.subjectType },
    }));
    return [
      makeFinding(this, event, {
        severity: grants.map((g) => grantSeverity(g, kind)).reduce<Severity>(maxSeverity, 'high'),
        title: grants.some((g) => isPublicSubject(g.subjectId)) ? 'Role granted to everyone' : this.title,
        resource,
        evidence: { summary: `${summary} on ${kind} ${resource.name ?? resource.id}`, details: { kind, resourceId: resource.id, grants: grants.map((g) => ({ ...g })) } },
        remediation: {
          action: 'yandex-remove-access-binding',
          target: { kind, resourceId: resource.id, bindings },
          summary: `remove ${summary} from ${kind} ${resource.name ?? resource.id}`,
        },
      }),
    ];
  },
};
