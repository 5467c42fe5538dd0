/**
 * A Yandex VPC security group created or updated with an ingress rule from
 * the whole internet. Every rule and every CIDR is checked (a world block may
 * be the second CIDR of the third rule); CIDRs are parsed, not compared.
 * One finding per group lists every world-open ingress rule by id.
 */
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { maxSeverity } from '../types.js';
import { yandexConsole } from './lib/console-urls.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { describePorts, severityForPorts } from './lib/ports.js';
import { worldOpenIngress } from './lib/yandex-security-group.js';

const ACTIONS = [
  'yandex.cloud.audit.network.CreateSecurityGroup',
  'yandex.cloud.audit.network.UpdateSecurityGroup',
] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** `yandex-vpc-sg-ingress-open`: a security group admitting the internet (`/0`, v4 or v6). */
export const rule: Rule = {
  id: 'yandex-vpc-sg-ingress-open',
  cloud: 'yandex',
  category: 'sg-open',
  severity: 'medium',
  title: 'Security group opened to the internet',
  runbook:
    "Check who needs this port; replace 0.0.0.0/0 or ::/0 with the callers' ranges (or a security group) or delete the rule.",
  actions: ACTIONS,
  remediations: ['yandex-vpc-delete-sg-rule'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const open = worldOpenIngress(event.request);
    if (open.length === 0) return [];
    const groupId = text(event.request.security_group_id);
    const name = text(event.request.security_group_name);
    const label = name ?? groupId ?? 'unknown';
    const summary = open
      .map((r) => `${describePorts(r)} from ${r.cidrs.join(', ')}${r.ruleId ? ` (${r.ruleId})` : ''}`)
      .join('; ');
    const ruleIds = open.flatMap((r) => (r.ruleId ? [r.ruleId] : []));
    const rules = open.map((r) => ({
      ruleId: r.ruleId,
      protocol: r.loggedProtocol,
      fromPort: r.from ?? null,
      toPort: r.to ?? null,
      cidrs: [...r.cidrs],
      description: r.description,
    }));
    const unnamed = open.length - ruleIds.length;
    return [
      makeFinding(this, event, {
        severity: open.map(severityForPorts).reduce<Severity>(maxSeverity, 'low'),
        resource: {
          type: 'yandex-security-group',
          id: groupId ?? name ?? 'unknown',
          ...(name ? { name } : {}),
          ...(groupId ? { consoleUrl: yandexConsole.securityGroup(event.scope.folder, groupId) } : {}),
        },
        evidence: { summary: `${label}: ${summary}`, details: { securityGroupId: groupId ?? null, rules } },
        remediation: groupId
          ? {
              action: 'yandex-vpc-delete-sg-rule',
              target: { securityGroupId: groupId, ruleIds },
              summary:
                (ruleIds.length > 0 ? `delete rule${ruleIds.length === 1 ? '' : 's'} ${ruleIds.join(', ')} from ${label}` : `no rule id logged for ${label}`) +
                (unnamed > 0 ? `; delete ${unnamed} world-open rule${unnamed === 1 ? '' : 's'} without an id by hand` : ''),
            }
          : null,
      }),
    ];
  },
};
