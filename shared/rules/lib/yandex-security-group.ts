/**
 * Yandex VPC security group rules as Audit Trails logs them in
 * `details.rules[]` (docs: audit-trails/audit/vpc/events-ref/UpdateSecurityGroup.md):
 * ports and protocol numbers are strings, an absent `ports` means every
 * port, and a rule's source is CIDR blocks, another group, or a predefined target.
 *
 * ```json
 * {"id":"enpr2…","direction":"INGRESS","ports":{"from_port":"22","to_port":"22"},
 *  "protocol_name":"TCP","protocol_number":"6",
 *  "cidr_blocks":{"v4_cidr_blocks":["10.0.0.0/8","0.0.0.0/0"],"v6_cidr_blocks":[]}}
 * ```
 */
import { asRecord } from '../../formats/common.js';
import { port } from './aws-ip-permissions.js';
import { isWholeInternet } from './cidr.js';
import type { PortRange } from './ports.js';
import { scalarText } from './scalars.js';

/** One ingress rule open to the whole internet; `protocol` is normalized for ports.ts. */
export interface OpenIngressRule extends PortRange {
  /** The rule id, or `null` when the log has none. */
  readonly ruleId: string | null;
  /** The protocol as logged (`TCP`, `ANY`, `6`). */
  readonly loggedProtocol: string;
  /** The world-open blocks of the rule (`0.0.0.0/0`, `::/0`). */
  readonly cidrs: readonly string[];
  readonly description: string | null;
}

const ANY = new Set(['ANY', '-1', '']);
const NAMES: Readonly<Record<string, string>> = { IPV6_ICMP: 'icmpv6', ICMPV6: 'icmpv6', '58': 'icmpv6' };

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** The protocol for ports.ts: `any` only when every port is open too, else `tcp/udp` for a port range on ANY. */
function protocolOf(logged: string, from: number | undefined, to: number | undefined): string {
  const upper = logged.toUpperCase();
  if (!ANY.has(upper)) return NAMES[upper] ?? logged.toLowerCase();
  const everyPort = (from === undefined || from <= 0) && (to === undefined || to >= 65535);
  return everyPort ? 'any' : 'tcp/udp';
}

/**
 * Every INGRESS rule with a whole-internet CIDR (any v4 or v6 block with
 * prefix `/0`; `0.0.0.0/32` is one host). Rules whose source is a security
 * group or a predefined target have no CIDR and never match.
 *
 * @param details - the event's `details`
 */
export function worldOpenIngress(details: Readonly<Record<string, unknown>>): OpenIngressRule[] {
  const rules = [details.rules, details.rule_specs].flatMap((list) => (Array.isArray(list) ? list : []));
  const out: OpenIngressRule[] = [];
  for (const r of rules.map(asRecord)) {
    if (scalarText(r.direction)?.toUpperCase().replace(/^DIRECTION_/, '') !== 'INGRESS') continue;
    const blocks = asRecord(r.cidr_blocks);
    const cidrs = [...strings(blocks.v4_cidr_blocks), ...strings(blocks.v6_cidr_blocks)]
      .filter(isWholeInternet)
      .map((c) => c.trim());
    if (cidrs.length === 0) continue;
    const ports = asRecord(r.ports);
    const from = port(ports.from_port);
    const to = port(ports.to_port);
    const loggedProtocol = scalarText(r.protocol_name) || scalarText(r.protocol_number) || 'ANY';
    out.push({
      protocol: protocolOf(loggedProtocol, from, to),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      ruleId: typeof r.id === 'string' && r.id !== '' ? r.id : null,
      loggedProtocol,
      cidrs,
      description: typeof r.description === 'string' ? r.description : null,
    });
  }
  return out;
}
