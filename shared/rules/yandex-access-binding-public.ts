/**
 * Yandex access bindings that give any role to `allUsers` /
 * `allAuthenticatedUsers` on resources the role-grant rule does not cover:
 * serverless functions, containers, API gateways, Container Registry
 * registries and repositories, Cloud Registry registries, log groups,
 * audit trails and managed-database proxies. (Folders, clouds,
 * organizations, service accounts, secrets, KMS keys and buckets are
 * `yandex-access-binding-grant`.) Decided on the ADD deltas.
 *
 * ```json
 * {"function_id":"d4e…","function_name":"webhook","access_binding_deltas":[{"action":"ADD",
 *   "access_binding":{"role_id":"functions.functionInvoker","subject_id":"allUsers","subject_type":"SYSTEM"}}]}
 * ```
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { addedBindings, apiSubject, isPublicSubject } from './lib/yandex-access-bindings.js';

/** event type → resource kind and the `details` keys of its id and name. */
const KINDS: Record<string, { kind: string; id: string; name: string }> = {};
const add = (prefix: string, noun: string, kind: string, id: string, name: string) => {
  for (const verb of ['Set', 'Update']) KINDS[`yandex.cloud.audit.${prefix}.${verb}${noun}AccessBindings`] = { kind, id, name };
};
add('serverless.functions', 'Function', 'function', 'function_id', 'function_name');
add('serverless.containers', 'Container', 'container', 'container_id', 'container_name');
add('serverless.apigateway', 'ApiGateway', 'apiGateway', 'api_gateway_id', 'api_gateway_name');
add('serverless.mdbproxy', 'Proxy', 'mdbProxy', 'proxy_id', 'proxy_name');
add('containerregistry', 'Registry', 'containerRegistry', 'registry_id', 'registry_name');
add('containerregistry', 'Repository', 'containerRepository', 'repository_id', 'repository_name');
add('cloudregistry', 'Registry', 'cloudRegistry', 'registry_id', 'registry_name');
add('logging', 'LogGroup', 'logGroup', 'log_group_id', 'log_group_name');
add('audittrails', 'Trail', 'trail', 'trail_id', 'trail_name');

const ACTIONS = Object.keys(KINDS);

export const rule: Rule = {
  id: 'yandex-access-binding-public',
  cloud: 'yandex',
  category: 'public-resource',
  severity: 'high',
  title: 'Resource opened to everyone',
  runbook: 'Remove the allUsers / allAuthenticatedUsers binding unless the resource is meant to be public (a public function or gateway), then review what was reachable.',
  actions: ACTIONS,
  remediations: ['yandex-remove-access-binding'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const kind = KINDS[event.action];
    const grants = addedBindings(event.request).filter((g) => isPublicSubject(g.subjectId));
    const id = kind ? scalarText(event.request[kind.id]) : undefined;
    if (!kind || !id || grants.length === 0) return [];
    const name = scalarText(event.request[kind.name]);
    const summary = grants.map((g) => `${g.roleId} to ${g.subjectId}`).join('; ');
    const writes = grants.some((g) => !/(invoker|viewer|puller|auditor|user)$/i.test(g.roleId));
    return [
      makeFinding(this, event, {
        severity: writes ? 'critical' : 'high',
        resource: { type: `yandex-${kind.kind}`, id, ...(name ? { name } : {}) },
        evidence: { summary: `${summary} on ${kind.kind} ${name ?? id}`, details: { kind: kind.kind, resourceId: id, grants: grants.map((g) => ({ ...g })) } },
        remediation: {
          action: 'yandex-remove-access-binding',
          target: { kind: kind.kind, resourceId: id, bindings: grants.map((g) => ({ roleId: g.roleId, subject: apiSubject(g) })) },
          summary: `remove ${summary} from ${kind.kind} ${name ?? id}`,
        },
      }),
    ];
  },
};
