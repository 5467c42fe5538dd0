/**
 * A Yandex VPC security group created or updated with an ingress rule from
 * the whole internet. Every rule and every CIDR is checked (a world block may
 * be the second CIDR of the third rule); CIDRs are parsed, not compared.
 */
import { scalarText } from './lib/scalars.js';
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { maxSeverity } from '../types.js';
import { asRecord } from '../formats/common.js';
import { isWholeInternet } from './lib/cidr.js';
import { yandexConsole } from './lib/console-urls.js';
import { port } from './lib/aws-ip-permissions.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { type PortRange, describePorts, severityForPorts } from './lib/ports.js';

const ACTIONS = [
  'yandex.cloud.audit.network.CreateSecurityGroup',
  'yandex.cloud.audit.network.UpdateSecurityGroup',
] as const;

/** One world-open ingress rule. */
interface OpenRule extends PortRange {
  readonly ruleId: string | null;
  readonly cidrs: readonly string[];
  readonly description: string | null;
}

function openRules(details: Readonly<Record<string, unknown>>): OpenRule[] {
  const rules = Array.isArray(details.rules) ? details.rules.map(asRecord) : [];
  const out: OpenRule[] = [];
  for (const r of rules) {
    if (scalarText(r.direction)?.toUpperCase() !== 'INGRESS') continue;
    const blocks = asRecord(r.cidr_blocks);
    const all = [blocks.v4_cidr_blocks, blocks.v6_cidr_blocks].flatMap((b) => (Array.isArray(b) ? b : []));
    const cidrs = all.filter((c): c is string => typeof c === 'string' && isWholeInternet(c));
    if (cidrs.length === 0) continue;
    const ports = asRecord(r.ports);
    const from = port(ports.from_port);
    const to = port(ports.to_port);
    out.push({
      protocol: scalarText(r.protocol_name) ?? scalarText(r.protocol_number) ?? 'ANY',
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      ruleId: typeof r.id === 'string' ? r.id : null,
      cidrs,
      description: typeof r.description === 'string' ? r.description : null,
    });
  }
  return out;
}

export const rule: Rule = {
  id: 'yandex-vpc-sg-ingress-open',
  cloud: 'yandex',
  category: 'sg-open',
  severity: 'medium',
  title: 'Security group opened to the internet',
  runbook:
    'Check who needs this port; replace 0.0.0.0/0 or ::/0 with the callers\' ranges (or a security group) or delete the rule.',
  actions: ACTIONS,
  remediations: ['yandex-vpc-delete-sg-rule'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const groupId = event.request.security_group_id;
    const open = openRules(event.request);
    if (typeof groupId !== 'string' || open.length === 0) return [];
    const name = typeof event.request.security_group_name === 'string' ? event.request.security_group_name : undefined;
    const summary = open
      .map((r) => `${describePorts(r)} from ${r.cidrs.join(', ')}${r.ruleId ? ` (${r.ruleId})` : ''}`)
      .join('; ');
    const ruleIds = open.flatMap((r) => (r.ruleId ? [r.ruleId] : []));
    const rules = open.map((r) => ({
      ruleId: r.ruleId,
      protocol: r.protocol,
      fromPort: r.from ?? null,
      toPort: r.to ?? null,
      cidrs: [...r.cidrs],
      description: r.description,
    }));
    return [
      makeFinding(this, event, {
        severity: open.map(severityForPorts).reduce<Severity>(maxSeverity, 'low'),
        resource: {
          type: 'yandex-security-group',
          id: groupId,
          ...(name ? { name } : {}),
          consoleUrl: yandexConsole.securityGroup(event.scope.folder, groupId),
        },
        evidence: { summary, details: { securityGroupId: groupId, rules } },
        remediation: {
          action: 'yandex-vpc-delete-sg-rule',
          target: { securityGroupId: groupId, ruleIds },
          summary: `delete rule${ruleIds.length === 1 ? '' : 's'} ${ruleIds.join(', ')} from ${name ?? groupId}`,
        },
      }),
    ];
  },
};
