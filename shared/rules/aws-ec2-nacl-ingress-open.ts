/**
 * A network ACL entry that allows inbound traffic from the whole internet
 * (`CreateNetworkAclEntry`, `ReplaceNetworkAclEntry` with `egress: false`,
 * `ruleAction: allow` and a `/0` block). Egress entries are not exposure.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { isTrueFlag } from '../formats/common.js';
import { asRecord } from '../lib/guards.js';
import { isWholeInternet } from './lib/cidr.js';
import { awsConsole } from './lib/console-urls.js';
import { port } from './lib/aws-ip-permissions.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { describePorts, severityForPorts } from './lib/ports.js';

const ACTIONS = ['CreateNetworkAclEntry', 'ReplaceNetworkAclEntry'] as const;

export const rule: Rule = {
  id: 'aws-ec2-nacl-ingress-open',
  cloud: 'aws',
  category: 'sg-open',
  severity: 'medium',
  title: 'Network ACL allows inbound traffic from the internet',
  runbook:
    'Check which subnets use this network ACL and whether the port must be reachable from anywhere; narrow the CIDR or replace the entry with a deny.',
  actions: ACTIONS,
  remediations: ['aws-revoke-nacl-entry'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'ec2.amazonaws.com') return [];
    const r = event.request;
    if (isTrueFlag(r.egress) || scalarText(r.ruleAction)?.trim().toLowerCase() !== 'allow') return [];
    const cidr = [r.cidrBlock, r.ipv6CidrBlock].find(isWholeInternet);
    const aclId = r.networkAclId;
    if (typeof cidr !== 'string' || typeof aclId !== 'string') return [];
    const range = asRecord(r.portRange);
    const from = port(range.from);
    const to = port(range.to);
    const ports = { protocol: scalarText(r.aclProtocol ?? r.protocol) ?? '-1', ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
    const ruleNumber = port(r.ruleNumber) ?? null;
    const summary = `${describePorts(ports)} from ${cidr} allowed in (rule #${ruleNumber ?? '?'})`;
    return [
      makeFinding(this, event, {
        severity: severityForPorts(ports),
        resource: { type: 'network-acl', id: aclId, consoleUrl: awsConsole.networkAcl(event.region, aclId) },
        evidence: { summary, details: { networkAclId: aclId, ruleNumber, cidr, protocol: ports.protocol, fromPort: from ?? null, toPort: to ?? null } },
        remediation: {
          action: 'aws-revoke-nacl-entry',
          target: { networkAclId: aclId, ruleNumber, egress: false, replaced: event.action === 'ReplaceNetworkAclEntry' },
          summary: `delete ingress entry #${ruleNumber ?? '?'} of ${aclId}`,
        },
      }),
    ];
  },
};
