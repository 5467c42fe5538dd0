/**
 * Yandex Cloud access bindings that ADD power: `admin`, `editor`, `owner`,
 * any `*.admin` / `*.owner` role, or any role at all to `allUsers` /
 * `allAuthenticatedUsers`, on organizations, clouds, folders, groups,
 * service accounts, Lockbox secrets, KMS keys and buckets. Decided on the
 * ADD deltas, never on the resulting binding list (which holds what was there before).
 */
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { maxSeverity } from '../types.js';
import { YANDEX_ACCESS_BINDING_EVENTS } from './lib/event-names.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { type Grant, addedBindings, apiSubject, bindingTarget, grantSeverity, isPowerfulRole, isPublicSubject } from './lib/yandex-access-bindings.js';

const ACTIONS = YANDEX_ACCESS_BINDING_EVENTS;

/** `admin to contractor.dev (aje…)`. */
function describe(g: Grant): string {
  const who = g.subjectName && g.subjectName !== g.subjectId ? `${g.subjectName} (${g.subjectId})` : g.subjectId;
  return `${g.roleId} to ${who}`;
}

/** `yandex-access-binding-grant`: an admin/editor/owner-class role, or any role to everyone, granted. */
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
    const { kind, id, resource } = target;
    const where = `${kind} ${resource.name ?? resource.id}`;
    const summary = grants.map(describe).join('; ');
    return [
      makeFinding(this, event, {
        severity: grants.map((g) => grantSeverity(g, kind)).reduce<Severity>(maxSeverity, 'high'),
        title: grants.some((g) => isPublicSubject(g.subjectId)) ? 'Role granted to everyone' : this.title,
        resource,
        evidence: { summary: `${summary} on ${where}`, details: { kind, resourceId: resource.id, grants: grants.map((g) => ({ ...g })) } },
        remediation: id
          ? {
              action: 'yandex-remove-access-binding',
              target: { kind, resourceId: id, bindings: grants.map((g) => ({ roleId: g.roleId, subject: apiSubject(g) })) },
              summary: `remove ${summary} from ${where}`,
            }
          : null,
      }),
    ];
  },
};
