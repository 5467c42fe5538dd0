/**
 * A security group rule that admits the whole internet (`/0`, IPv4 or IPv6):
 * `AuthorizeSecurityGroupIngress`, and `ModifySecurityGroupRules` rewriting a
 * rule to a world-open source. Egress is not exposure and is ignored.
 */
import { scalarText } from './lib/scalars.js';
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { maxSeverity } from '../types.js';
import { awsConsole } from './lib/console-urls.js';
import { makeFinding, succeeded } from './lib/finding.js';
import {
  type IpPermission,
  items,
  openIngressPermissions,
  port,
  worldOpen,
} from './lib/aws-ip-permissions.js';
import { describePorts, severityForPorts } from './lib/ports.js';

const ACTIONS = ['AuthorizeSecurityGroupIngress', 'ModifySecurityGroupRules'] as const;

/** Permissions a ModifySecurityGroupRules request sets (ingress only). */
function modifiedPermissions(event: AuditEvent): { groupId?: string; perms: IpPermission[] } {
  const request = items(event.request.ModifySecurityGroupRulesRequest)[0] ?? {};
  const groupId = typeof request.GroupId === 'string' ? request.GroupId : undefined;
  const perms: IpPermission[] = [];
  for (const wrapper of items(request.SecurityGroupRule)) {
    const rule = items(wrapper.SecurityGroupRule)[0] ?? {};
    const cidr = rule.CidrIpv4 ?? rule.CidrIpv6;
    if (typeof cidr !== 'string') continue;
    const from = port(rule.FromPort);
    const to = port(rule.ToPort);
    perms.push({
      protocol: scalarText(rule.IpProtocol) ?? '-1',
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      cidr,
      ...(typeof wrapper.SecurityGroupRuleId === 'string' && { ruleId: wrapper.SecurityGroupRuleId }),
    });
  }
  return groupId ? { groupId, perms } : { perms };
}

export const rule: Rule = {
  id: 'aws-ec2-sg-ingress-open',
  cloud: 'aws',
  category: 'sg-open',
  severity: 'medium',
  title: 'Security group opened to the internet',
  runbook:
    'Check who needs this port; replace 0.0.0.0/0 or ::/0 with the callers\' ranges or remove the rule.',
  actions: ACTIONS,
  remediations: ['aws-revoke-sg-ingress'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'ec2.amazonaws.com') return [];
    const modify = event.action === 'ModifySecurityGroupRules';
    const modified = modify ? modifiedPermissions(event) : undefined;
    const groupId = modified ? modified.groupId : stringField(event.request.groupId) ?? stringField(event.request.groupName);
    const open = modified ? worldOpen(modified.perms) : openIngressPermissions(event);
    if (open.length === 0 || !groupId) return [];
    const severity = open.map(severityForPorts).reduce<Severity>(maxSeverity, 'low');
    const ruleIds = open.flatMap((p) => (p.ruleId ? [p.ruleId] : []));
    const summary = open.map((p) => `${describePorts(p)} from ${p.cidr}${p.ruleId ? ` (${p.ruleId})` : ''}`).join('; ');
    const permissions = open.map((p) => ({
      protocol: p.protocol,
      fromPort: p.from ?? null,
      toPort: p.to ?? null,
      cidr: p.cidr,
      ruleId: p.ruleId ?? null,
    }));
    return [
      makeFinding(this, event, {
        severity,
        resource: {
          type: 'security-group',
          id: groupId,
          consoleUrl: awsConsole.securityGroup(event.region, groupId),
        },
        evidence: { summary, details: { groupId, permissions } },
        remediation: {
          action: 'aws-revoke-sg-ingress',
          target: { groupId, ruleIds, permissions: ruleIds.length === open.length ? [] : permissions },
          summary: `revoke ${summary} on ${groupId}`,
        },
      }),
    ];
  },
};

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
