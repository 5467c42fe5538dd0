/**
 * EC2 ingress permissions as CloudTrail writes them, flattened to one entry
 * per (protocol, ports, CIDR), with the security-group rule id from
 * `responseElements.securityGroupRuleSet` when the response has it.
 *
 * `AuthorizeSecurityGroupIngress` is a hot action and almost always opens
 * internal ranges: {@link openIngressPermissions} decides world-openness
 * first and looks up rule ids for the open permissions only.
 */
import type { AuditEvent } from '../../types.js';
import { asRecord } from '../../lib/guards.js';
import { internetCoverage, mayCoverInternet } from './cidr.js';

/** One opened range. */
export interface IpPermission {
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly cidr: string;
  /** `sgr-…` when CloudTrail returned it. */
  readonly ruleId?: string;
}

const NONE: readonly unknown[] = Object.freeze([]);

/** The list {@link items} reads a value as, before it keeps only the objects: no copy of a logged list. */
function itemList(value: unknown): readonly unknown[] {
  const inner = Array.isArray(value) ? value : asRecord(value).items ?? value;
  return Array.isArray(inner) ? inner : inner && typeof inner === 'object' ? [inner] : NONE;
}

function isItem(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** CloudTrail wraps lists as `{"items":[…]}`; accept that, a bare list or one object. */
export function items(value: unknown): Record<string, unknown>[] {
  return itemList(value).filter(isItem);
}

/** A port as a number (`22` or `"22"`), else `undefined`. */
export function port(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** `{ protocol, from?, to?, cidr }` with the ports only when known (spread-free: this runs per logged range). */
function permission(protocol: string, from: number | undefined, to: number | undefined, cidr: string): IpPermission {
  if (from === undefined) return to === undefined ? { protocol, cidr } : { protocol, to, cidr };
  return to === undefined ? { protocol, from, cidr } : { protocol, from, to, cidr };
}

/**
 * Push one permission per CIDR an entry opens (IPv4 and IPv6, new and
 * legacy field names), in the order: `ipRanges`, `ipv6Ranges`, flat fields.
 */
function addEntry(entry: Readonly<Record<string, unknown>>, out: IpPermission[]): void {
  const protocol = text(entry.ipProtocol ?? entry.IpProtocol) ?? '-1';
  const from = port(entry.fromPort ?? entry.FromPort);
  const to = port(entry.toPort ?? entry.ToPort);
  for (const range of itemList(entry.ipRanges)) if (isItem(range)) addCidr(out, protocol, from, to, range.cidrIp);
  for (const range of itemList(entry.ipv6Ranges)) if (isItem(range)) addCidr(out, protocol, from, to, range.cidrIpv6);
  // The flat fields, new and legacy names, read by name (a loop over the names is slower here).
  addCidr(out, protocol, from, to, entry.cidrIp);
  addCidr(out, protocol, from, to, entry.cidrIpv6);
  addCidr(out, protocol, from, to, entry.CidrIpv4);
  addCidr(out, protocol, from, to, entry.CidrIpv6);
  addCidr(out, protocol, from, to, entry.cidrIpv4);
}

/** One permission for a logged CIDR value (a string, or a number as text), unless it is empty or missing. */
function addCidr(out: IpPermission[], protocol: string, from: number | undefined, to: number | undefined, value: unknown): void {
  const cidr = text(value);
  if (cidr) out.push(permission(protocol, from, to, cidr));
}

/** Ingress permissions of `AuthorizeSecurityGroupIngress` (list form and legacy flat form). */
export function ingressPermissions(event: AuditEvent): IpPermission[] {
  return withRuleIds(requestedPermissions(event), event);
}

/**
 * `worldOpen(ingressPermissions(event))`, cheaper: rule ids do not change
 * which permissions are open (only protocol, ports and CIDR do), so they
 * are attached to the open ones only.
 */
export function openIngressPermissions(event: AuditEvent): IpPermission[] {
  const open = worldOpen(requestedPermissions(event));
  return open.length === 0 ? open : withRuleIds(open, event);
}

/** The permissions a request opens, without rule ids: the list form, then the legacy flat form (`cidrIp`, `fromPort` on the request itself). */
function requestedPermissions(event: AuditEvent): IpPermission[] {
  const request = event.request;
  const out: IpPermission[] = [];
  for (const entry of itemList(request.ipPermissions)) if (isItem(entry)) addEntry(entry, out);
  addEntry(request, out);
  return out;
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
  // No group can cover the internet when all of them together cannot.
  if (!mayCoverInternet(perms.map((p) => p.cidr))) return [];
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
