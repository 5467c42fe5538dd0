/**
 * The EC2 ip-permission walk as it was before shared/rules/lib/aws-ip-permissions.ts
 * learned to attach rule ids to world-open permissions only, kept verbatim
 * (on the reference CIDR code) for test/fuzz/ip-permissions-fast-path.fuzz.test.ts.
 */
import type { AuditEvent } from '../../../shared/types.js';
import { asRecord } from '../../../shared/lib/guards.js';
import { internetCoverage } from './cidr.js';

/** One opened range. */
export interface IpPermission {
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly cidr: string;
  /** `sgr-…` when CloudTrail returned it. */
  readonly ruleId?: string;
}

/** CloudTrail wraps lists as `{"items":[…]}`; accept that, a bare list or one object. */
export function items(value: unknown): Record<string, unknown>[] {
  const inner = Array.isArray(value) ? value : asRecord(value).items ?? value;
  const list = Array.isArray(inner) ? inner : inner && typeof inner === 'object' ? [inner] : [];
  return list.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v));
}

/** A port as a number (`22` or `"22"`), else `undefined`. */
export function port(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Every CIDR a permission entry opens (IPv4 and IPv6, new and legacy field names). */
function cidrsOf(entry: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const range of items(entry.ipRanges)) {
    const cidr = text(range.cidrIp);
    if (cidr) out.push(cidr);
  }
  for (const range of items(entry.ipv6Ranges)) {
    const cidr = text(range.cidrIpv6);
    if (cidr) out.push(cidr);
  }
  for (const key of ['cidrIp', 'cidrIpv6', 'CidrIpv4', 'CidrIpv6', 'cidrIpv4']) {
    const cidr = text(entry[key]);
    if (cidr) out.push(cidr);
  }
  return out;
}

/** Ingress permissions of `AuthorizeSecurityGroupIngress` (list form and legacy flat form). */
export function ingressPermissions(event: AuditEvent): IpPermission[] {
  const request = event.request;
  // The list form, plus the legacy flat form (`cidrIp`, `fromPort` on the request itself).
  const entries = [...items(request.ipPermissions), request];
  const out: IpPermission[] = [];
  for (const entry of entries) {
    const protocol = text(entry.ipProtocol ?? entry.IpProtocol) ?? '-1';
    const from = port(entry.fromPort ?? entry.FromPort);
    const to = port(entry.toPort ?? entry.ToPort);
    for (const cidr of cidrsOf(entry)) {
      out.push({ protocol, ...(from !== undefined && { from }), ...(to !== undefined && { to }), cidr });
    }
  }
  return withRuleIds(out, event);
}

/** Attach `sgr-…` ids from the response by matching protocol, ports and CIDR. */
function withRuleIds(perms: IpPermission[], event: AuditEvent): IpPermission[] {
  const returned = items(event.response.securityGroupRuleSet).filter((r) => r.isEgress !== true);
  return perms.map((p) => {
    const hit = returned.find(
      (r) =>
        (text(r.cidrIpv4) === p.cidr || text(r.cidrIpv6) === p.cidr) &&
        (text(r.ipProtocol) ?? '') === p.protocol &&
        port(r.fromPort) === p.from &&
        port(r.toPort) === p.to,
    );
    const ruleId = text(hit?.securityGroupRuleId);
    return ruleId ? { ...p, ruleId } : p;
  });
}

/**
 * Only the permissions that, together, open a protocol and port range to the
 * whole internet: within one request, the ranges given for the same
 * protocol and ports are united, IPv4 and IPv6 separately, and the ones that
 * together cover every address are returned (a `/0`, two `/1` halves, four
 * `/2`s, ...). `0.0.0.0/8` or an office range alone is not world-open.
 */
export function worldOpen(perms: readonly IpPermission[]): IpPermission[] {
  const groups = new Map<string, IpPermission[]>();
  for (const p of perms) {
    const key = `${p.protocol.toLowerCase()}|${p.from ?? ''}|${p.to ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const open = new Set<IpPermission>();
  for (const group of groups.values()) {
    const covering = new Set(internetCoverage(group.map((p) => p.cidr)).flatMap((c) => c.ranges));
    for (const p of group) if (covering.has(p.cidr.trim())) open.add(p);
  }
  return perms.filter((p) => open.has(p));
}
