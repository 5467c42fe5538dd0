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
import { asRecord } from '../../lib/guards.js';
import { port } from './aws-ip-permissions.js';
import { internetCoverage } from './cidr.js';
import type { PortRange } from './ports.js';
import { scalarText } from './scalars.js';

/** One ingress rule open to the whole internet; `protocol` is normalized for ports.ts. */
export interface OpenIngressRule extends PortRange {
  /** The rule id, or `null` when the log has none. */
  readonly ruleId: string | null;
  /** The protocol as logged (`TCP`, `ANY`, `6`). */
  readonly loggedProtocol: string;
  /** The blocks of the rule that take part in covering the internet (`0.0.0.0/0`, `::/0`, `0.0.0.0/1`, ...). */
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

/** An INGRESS rule with its CIDR blocks, before coverage is computed. */
interface IngressRule {
  readonly raw: Record<string, unknown>;
  readonly blocks: readonly string[];
  readonly key: string;
}

function ingressRules(details: Readonly<Record<string, unknown>>): IngressRule[] {
  const rules = [details.rules, details.rule_specs].flatMap((list) => (Array.isArray(list) ? list : []));
  const out: IngressRule[] = [];
  for (const r of rules.map(asRecord)) {
    if (scalarText(r.direction)?.toUpperCase().replace(/^DIRECTION_/, '') !== 'INGRESS') continue;
    const cidr = asRecord(r.cidr_blocks);
    const blocks = [...strings(cidr.v4_cidr_blocks), ...strings(cidr.v6_cidr_blocks)].map((c) => c.trim());
    if (blocks.length === 0) continue;
    const ports = asRecord(r.ports);
    const protocol = (scalarText(r.protocol_name) || scalarText(r.protocol_number) || 'ANY').toUpperCase();
    out.push({ raw: r, blocks, key: `${protocol}|${port(ports.from_port) ?? ''}|${port(ports.to_port) ?? ''}` });
  }
  return out;
}

/**
 * Every INGRESS rule whose CIDR blocks help open a protocol and port range
 * to the whole internet: the blocks of one rule, and of the rules of one
 * request with the same protocol and ports, are united (IPv4 and IPv6
 * separately), so `0.0.0.0/1` plus `128.0.0.0/1` is world-open while
 * `0.0.0.0/8` or `0.0.0.0/32` is not. Each returned rule names the blocks
 * that take part in the cover. Rules whose source is a security group or a
 * predefined target have no CIDR and never match.
 *
 * @param details - the event's `details`
 */
export function worldOpenIngress(details: Readonly<Record<string, unknown>>): OpenIngressRule[] {
  const rules = ingressRules(details);
  const groups = new Map<string, IngressRule[]>();
  for (const r of rules) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
  const covering = new Map<string, Set<string>>();
  for (const [key, group] of groups) {
    covering.set(key, new Set(internetCoverage(group.flatMap((g) => g.blocks)).flatMap((c) => c.ranges)));
  }
  const out: OpenIngressRule[] = [];
  for (const { raw: r, blocks, key } of rules) {
    const cover = covering.get(key) ?? new Set<string>();
    const cidrs = [...new Set(blocks.filter((b) => cover.has(b)))];
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
