import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-vpc-sg-ingress-open.js';
import { ownContext } from '../helpers/rules.js';
import { deniedYandex, failedYandex, startedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const FOLDER = 'b1gvmob95yexample001';
const GROUP = 'enpsg0000000000web01';

type SgRule = Record<string, unknown>;
const PROTOCOL_NUMBER: Record<string, string> = { TCP: '6', UDP: '17', ICMP: '1', ANY: '-1' };

/** A rule as `details.rules[]` logs it: ports and protocol numbers are strings; `null` ports = every port. */
const ingress = (id: string, ports: [string, string] | null, cidrs: { v4?: string[]; v6?: string[] }, protocol = 'TCP'): SgRule => ({
  id,
  description: `rule ${id}`,
  direction: 'INGRESS',
  ...(ports === null ? {} : { ports: { from_port: ports[0], to_port: ports[1] } }),
  protocol_name: protocol,
  protocol_number: PROTOCOL_NUMBER[protocol] ?? protocol,
  cidr_blocks: { ...(cidrs.v4 ? { v4_cidr_blocks: cidrs.v4 } : {}), ...(cidrs.v6 ? { v6_cidr_blocks: cidrs.v6 } : {}) },
});
const port = (p: string): [string, string] => [p, p];
const egressAll: SgRule = { id: 'enpegress00000000001', direction: 'EGRESS', protocol_name: 'ANY', protocol_number: '-1', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'], v6_cidr_blocks: ['::/0'] } };
const group = (rules: SgRule[], name = 'UpdateSecurityGroup') =>
  yandexEvent('network', name, { security_group_id: GROUP, security_group_name: 'web-sg', network_id: 'enpnet00000000000001', network_name: 'prod-net', rules });

describe('yandex-vpc-sg-ingress-open', () => {
  it.each([
    {
      name: 'SSH from the world as the third rule',
      record: group([egressAll, ingress('enpr1', port('443'), { v4: ['10.0.0.0/8'] }), ingress('enpr2', port('22'), { v4: ['0.0.0.0/0'] })]),
      severity: 'high',
      ruleIds: ['enpr2'],
      summary: 'web-sg: tcp/22 from 0.0.0.0/0 (enpr2)',
    },
    {
      name: 'the world as the second CIDR of a rule',
      record: group([ingress('enpr1', port('6379'), { v4: ['10.0.0.0/8', '0.0.0.0/0'] })]),
      severity: 'high',
      ruleIds: ['enpr1'],
      summary: 'web-sg: tcp/6379 from 0.0.0.0/0 (enpr1)',
    },
    {
      name: 'IPv6 only',
      record: group([ingress('enpr1', port('5432'), { v6: ['::/0'] })]),
      severity: 'high',
      ruleIds: ['enpr1'],
      summary: 'web-sg: tcp/5432 from ::/0 (enpr1)',
    },
    {
      name: 'protocol ANY without ports (a new group)',
      record: group([ingress('enpr1', null, { v4: ['0.0.0.0/0'] }, 'ANY'), egressAll], 'CreateSecurityGroup'),
      severity: 'critical',
      ruleIds: ['enpr1'],
      summary: 'web-sg: all traffic from 0.0.0.0/0 (enpr1)',
    },
    {
      name: 'TCP 0-65535',
      record: group([ingress('enpr1', ['0', '65535'], { v4: ['0.0.0.0/0'] })]),
      severity: 'critical',
      ruleIds: ['enpr1'],
      summary: 'web-sg: tcp/all ports from 0.0.0.0/0 (enpr1)',
    },
    {
      name: 'a web port on v4 and v6',
      record: group([ingress('enpr1', port('443'), { v4: ['0.0.0.0/0'], v6: ['::/0'] })]),
      severity: 'medium',
      ruleIds: ['enpr1'],
      summary: 'web-sg: tcp/443 from 0.0.0.0/0, ::/0 (enpr1)',
    },
    {
      name: 'UDP 53',
      record: group([ingress('enpr1', port('53'), { v4: ['0.0.0.0/0'] }, 'UDP')]),
      severity: 'medium',
      ruleIds: ['enpr1'],
      summary: 'web-sg: udp/53 from 0.0.0.0/0 (enpr1)',
    },
    {
      name: 'ICMP',
      record: group([ingress('enpr1', null, { v4: ['0.0.0.0/0'] }, 'ICMP')]),
      severity: 'low',
      ruleIds: ['enpr1'],
      summary: 'web-sg: icmp from 0.0.0.0/0 (enpr1)',
    },
    {
      name: 'protocol ANY on one port',
      record: group([ingress('enpr1', port('3389'), { v4: ['0.0.0.0/0'] }, 'ANY')]),
      severity: 'high',
      ruleIds: ['enpr1'],
      summary: 'web-sg: tcp/udp/3389 from 0.0.0.0/0 (enpr1)',
    },
    {
      name: 'two admin rules, one ICMP (worst wins)',
      record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/0'] }), ingress('enpr2', null, { v4: ['0.0.0.0/0'] }, 'ICMP'), ingress('enpr3', port('3389'), { v6: ['::/0'] })]),
      severity: 'high',
      ruleIds: ['enpr1', 'enpr2', 'enpr3'],
      summary: 'web-sg: tcp/22 from 0.0.0.0/0 (enpr1); icmp from 0.0.0.0/0 (enpr2); tcp/3389 from ::/0 (enpr3)',
    },
    {
      name: 'a world block written with a host part',
      record: group([ingress('enpr1', port('8080'), { v4: [' 203.0.113.7/0 '] })]),
      severity: 'medium',
      ruleIds: ['enpr1'],
      summary: 'web-sg: tcp/8080 from 203.0.113.7/0 (enpr1)',
    },
  ])('fires on $name', ({ record, severity, ruleIds, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'sg-open',
      severity,
      resource: {
        type: 'yandex-security-group',
        id: GROUP,
        name: 'web-sg',
        consoleUrl: `https://console.yandex.cloud/folders/${FOLDER}/vpc/security-groups/${GROUP}/overview`,
      },
      evidence: { summary },
      remediation: { action: 'yandex-vpc-delete-sg-rule', target: { securityGroupId: GROUP, ruleIds } },
      dedupKey: `yandex-vpc-sg-ingress-open:${event.id}:${GROUP}`,
    });
  });

  it('carries the exact rule in the evidence', () => {
    // Prepare
    const event = toYandexEvent(group([ingress('enpr1', port('22'), { v4: ['10.0.0.0/8', '0.0.0.0/0'] })]));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding?.evidence.details).toEqual({
      securityGroupId: GROUP,
      rules: [{ ruleId: 'enpr1', protocol: 'TCP', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], description: 'rule enpr1' }],
    });
    expect(finding?.remediation?.summary).toBe('delete rule enpr1 from web-sg');
  });

  it('keeps the plan when a world-open rule has no id, and says so', () => {
    // Prepare
    const noId = { ...ingress('x', port('22'), { v4: ['0.0.0.0/0'] }), id: undefined };
    const event = toYandexEvent(group([noId, ingress('enpr2', port('3389'), { v4: ['0.0.0.0/0'] })]));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding?.remediation).toMatchObject({
      target: { securityGroupId: GROUP, ruleIds: ['enpr2'] },
      summary: 'delete rule enpr2 from web-sg; delete 1 world-open rule without an id by hand',
    });
  });

  it('reports a group the log does not name by id, without a plan', () => {
    // Prepare
    const event = toYandexEvent(yandexEvent('network', 'UpdateSecurityGroup', { security_group_name: 'legacy-sg', rules: [ingress('enpr1', port('22'), { v4: ['0.0.0.0/0'] })] }));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding).toMatchObject({ resource: { type: 'yandex-security-group', id: 'legacy-sg', name: 'legacy-sg' }, remediation: null });
  });

  it.each([
    { name: 'egress to the world', record: group([egressAll]) },
    { name: 'ingress from 10.0.0.0/8', record: group([ingress('enpr1', port('22'), { v4: ['10.0.0.0/8'] }), egressAll]) },
    { name: 'all ports from private ranges only', record: group([ingress('enpr1', ['0', '65535'], { v4: ['192.168.0.0/16', '172.16.0.0/12'] })]) },
    { name: 'one host 0.0.0.0/32', record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/32'] })]) },
    { name: 'shared address space 100.64.0.0/10', record: group([ingress('enpr1', port('22'), { v4: ['100.64.0.0/10'] })]) },
    { name: 'an office /32', record: group([ingress('enpr1', port('22'), { v4: ['203.0.113.10/32'] })]) },
    { name: 'a documentation IPv6 prefix', record: group([ingress('enpr1', port('443'), { v6: ['2001:db8::/32'] })]) },
    { name: 'another security group as source', record: group([{ id: 'enpr1', direction: 'INGRESS', ports: { from_port: '5432', to_port: '5432' }, protocol_name: 'TCP', protocol_number: '6', security_group_id: 'enpapp00000000000001' }]) },
    { name: 'a predefined target', record: group([{ id: 'enpr1', direction: 'INGRESS', protocol_name: 'ANY', protocol_number: '-1', predefined_target: 'self_security_group' }]) },
    { name: 'load balancer health checks', record: group([{ id: 'enpr1', direction: 'INGRESS', ports: { from_port: '30080', to_port: '30080' }, protocol_name: 'TCP', predefined_target: 'loadbalancer_healthchecks' }]) },
    { name: 'a CIDR that does not parse', record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/00x', 'any'] })]) },
    { name: 'rules that are not a list', record: yandexEvent('network', 'UpdateSecurityGroup', { security_group_id: GROUP, rules: { direction: 'INGRESS' } }) },
    { name: 'a subnet with a v4 block (not a security group)', record: yandexEvent('network', 'CreateSubnet', { subnet_id: 'e9bsubnet00000000001', v4_cidr_blocks: ['0.0.0.0/0'] }) },
    { name: 'a failed update (ERROR)', record: failedYandex(group([ingress('enpr1', port('3389'), { v4: ['0.0.0.0/0'] })])) },
    { name: 'an update refused by IAM', record: deniedYandex(group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/0'] })])) },
    { name: 'a create not finished (STARTED, rules without ids)', record: startedYandex(group([{ ...ingress('x', port('22'), { v4: ['0.0.0.0/0'] }), id: undefined }], 'CreateSecurityGroup')) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('yandex-vpc-sg-ingress-open: world-open by coverage', () => {
  const egressHalves: SgRule = { ...egressAll, cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/1', '128.0.0.0/1'] } };
  it.each([
    { name: 'two /1 halves in one rule', record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/1', '128.0.0.0/1'] })]), ruleIds: ['enpr1'], summary: 'web-sg: tcp/22 from 0.0.0.0/1, 128.0.0.0/1 (enpr1)' },
    {
      name: 'halves split over two rules with the same ports',
      record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/1'] }), ingress('enpr2', port('22'), { v4: ['128.0.0.0/1', '10.0.0.0/8'] })]),
      ruleIds: ['enpr1', 'enpr2'],
      summary: 'web-sg: tcp/22 from 0.0.0.0/1 (enpr1); tcp/22 from 128.0.0.0/1 (enpr2)',
    },
    { name: 'IPv6 halves', record: group([ingress('enpr1', port('5432'), { v6: ['::/1', '8000::/1'] })]), ruleIds: ['enpr1'], summary: 'web-sg: tcp/5432 from ::/1, 8000::/1 (enpr1)' },
  ])('fires on $name', ({ record, ruleIds, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence.summary).toBe(summary);
    expect(findings[0]?.remediation?.target.ruleIds).toEqual(ruleIds);
  });

  it.each([
    { name: '0.0.0.0/8', record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/8'] })]) },
    { name: 'a halves-only egress rule', record: group([egressHalves]) },
    { name: 'halves on different ports', record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/1'] }), ingress('enpr2', port('443'), { v4: ['128.0.0.0/1'] })]) },
    { name: 'three of four quarters', record: group([ingress('enpr1', port('22'), { v4: ['0.0.0.0/2', '64.0.0.0/2', '192.0.0.0/2'] })]) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
