import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-vpc-sg-ingress-open.js';
import { ownContext } from '../helpers/rules.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

type SgRule = Record<string, unknown>;
const ingress = (id: string, from: string | null, cidrs: { v4?: string[]; v6?: string[] }, proto = 'TCP'): SgRule => ({
  id,
  description: `rule ${id}`,
  direction: 'INGRESS',
  ...(from === null ? {} : { ports: { from_port: from, to_port: from } }),
  protocol_name: proto,
  protocol_number: proto === 'TCP' ? '6' : proto === 'ICMP' ? '1' : '-1',
  cidr_blocks: { v4_cidr_blocks: cidrs.v4 ?? [], v6_cidr_blocks: cidrs.v6 ?? [] },
});
const egressAll: SgRule = { id: 'enpegress', direction: 'EGRESS', protocol_name: 'ANY', protocol_number: '-1', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'], v6_cidr_blocks: ['::/0'] } };
const group = (rules: SgRule[], name = 'UpdateSecurityGroup') =>
  yandexEvent('network', name, { security_group_id: 'enpsg000web', security_group_name: 'web-sg', network_id: 'enpnet', network_name: 'prod-net', rules });

describe('yandex-vpc-sg-ingress-open', () => {
  it.each([
    { name: 'SSH from the world, third rule', record: group([egressAll, ingress('enpr1', '443', { v4: ['10.0.0.0/8'] }), ingress('enpr2', '22', { v4: ['0.0.0.0/0'] })]), severity: 'high', ruleIds: ['enpr2'], summary: 'tcp/22 from 0.0.0.0/0 (enpr2)' },
    { name: 'the world as the second CIDR of a rule', record: group([ingress('enpr1', '6379', { v4: ['10.0.0.0/8', '0.0.0.0/0'] })]), severity: 'high', ruleIds: ['enpr1'], summary: 'tcp/6379 from 0.0.0.0/0 (enpr1)' },
    { name: 'IPv6 only', record: group([ingress('enpr1', '5432', { v6: ['::/0'] })]), severity: 'high', ruleIds: ['enpr1'], summary: 'tcp/5432 from ::/0 (enpr1)' },
    { name: 'any protocol without ports', record: group([ingress('enpr1', null, { v4: ['0.0.0.0/0'] }, 'ANY')], 'CreateSecurityGroup'), severity: 'critical', ruleIds: ['enpr1'], summary: 'all traffic from 0.0.0.0/0 (enpr1)' },
    { name: 'web port', record: group([ingress('enpr1', '443', { v4: ['0.0.0.0/0'], v6: ['::/0'] })]), severity: 'medium', ruleIds: ['enpr1'], summary: 'tcp/443 from 0.0.0.0/0, ::/0 (enpr1)' },
    { name: 'ICMP', record: group([ingress('enpr1', null, { v4: ['0.0.0.0/0'] }, 'ICMP')]), severity: 'low', ruleIds: ['enpr1'], summary: 'icmp from 0.0.0.0/0 (enpr1)' },
    { name: 'two admin rules', record: group([ingress('enpr1', '22', { v4: ['0.0.0.0/0'] }), ingress('enpr2', '3389', { v4: ['0.0.0.0/0'] })]), severity: 'high', ruleIds: ['enpr1', 'enpr2'], summary: 'tcp/22 from 0.0.0.0/0 (enpr1); tcp/3389 from 0.0.0.0/0 (enpr2)' },
  ])('fires on $name', ({ record, severity, ruleIds, summary }) => {
    // Act
    const findings = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'sg-open',
      severity,
      resource: { type: 'yandex-security-group', id: 'enpsg000web', name: 'web-sg' },
      evidence: { summary },
      remediation: { action: 'yandex-vpc-delete-sg-rule', target: { securityGroupId: 'enpsg000web', ruleIds } },
    });
  });

  it.each([
    { name: 'egress to the world', record: group([egressAll]) },
    { name: 'ingress from 10.0.0.0/8', record: group([ingress('enpr1', '22', { v4: ['10.0.0.0/8'] })]) },
    { name: 'one host 0.0.0.0/32', record: group([ingress('enpr1', '22', { v4: ['0.0.0.0/32'] })]) },
    { name: 'a documentation IPv6 prefix', record: group([ingress('enpr1', '443', { v6: ['2001:db8::/32'] })]) },
    { name: 'another security group as source', record: group([{ id: 'enpr1', direction: 'INGRESS', ports: { from_port: '5432', to_port: '5432' }, protocol_name: 'TCP', security_group_id: 'enpapp' }]) },
    { name: 'a predefined target', record: group([{ id: 'enpr1', direction: 'INGRESS', protocol_name: 'ANY', predefined_target: 'self_security_group' }]) },
    { name: 'an ERROR event', record: failedYandex(group([ingress('enpr1', '3389', { v4: ['0.0.0.0/0'] })])) },
    { name: 'a STARTED event', record: { ...group([ingress('enpr1', '22', { v4: ['0.0.0.0/0'] })], 'CreateSecurityGroup'), event_status: 'STARTED' } },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toYandexEvent(record), ownContext)).toEqual([]);
  });
});
