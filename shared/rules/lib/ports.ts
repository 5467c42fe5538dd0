/**
 * How bad an open port range is: all ports/protocols worst, then remote admin
 * and database ports, then everything else.
 */
import type { Severity } from '../../types.js';

/** Remote administration ports (SSH, Telnet, RDP, WinRM, VNC). */
export const ADMIN_PORTS: ReadonlySet<number> = new Set([22, 23, 3389, 5985, 5986, 5900]);

/** Database and data-store ports commonly found exposed. */
export const DATABASE_PORTS: ReadonlySet<number> = new Set([
  1433, 1521, 2379, 3306, 5432, 5984, 6379, 7000, 7001, 8086, 9042, 9200, 9300, 11211, 27017,
  27018, 50000,
]);

/** A port range; `undefined` bounds mean "any port". */
export interface PortRange {
  /** `tcp`, `udp`, `icmp`, `-1`/`all`/`any` for every protocol. */
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
}

const ALL_PROTOCOLS = new Set(['-1', 'all', 'any', '']);

/** True when the range opens every protocol or every port. */
export function isAllPorts(range: PortRange): boolean {
  if (ALL_PROTOCOLS.has(range.protocol.toLowerCase())) return true;
  const proto = range.protocol.toLowerCase();
  if (proto === 'icmp' || proto === '1' || proto === 'icmpv6' || proto === '58') return false;
  const from = range.from ?? 0;
  const to = range.to ?? 65535;
  return (from <= 0 || from === -1) && to >= 65535;
}

/** The notable ports a range contains (admin first), at most a few. */
export function sensitivePortsIn(range: PortRange): number[] {
  const from = range.from ?? 0;
  const to = range.to ?? 65535;
  const hits: number[] = [];
  for (const port of [...ADMIN_PORTS, ...DATABASE_PORTS]) {
    if (port >= from && port <= to) hits.push(port);
  }
  return hits;
}

/** `critical` for all ports, `high` for admin/database ports, else `medium`. */
export function severityForPorts(range: PortRange): Severity {
  if (isAllPorts(range)) return 'critical';
  const proto = range.protocol.toLowerCase();
  if (proto === 'icmp' || proto === '1' || proto === 'icmpv6' || proto === '58') return 'low';
  return sensitivePortsIn(range).length > 0 ? 'high' : 'medium';
}

/** `tcp/22`, `tcp/8000-8080`, `all traffic`, `icmp`. */
export function describePorts(range: PortRange): string {
  const proto = range.protocol.toLowerCase();
  if (ALL_PROTOCOLS.has(proto)) return 'all traffic';
  const name = proto === '6' ? 'tcp' : proto === '17' ? 'udp' : proto === '1' ? 'icmp' : proto;
  if (name === 'icmp' || name === 'icmpv6') return name;
  if (range.from === undefined && range.to === undefined) return `${name}/all ports`;
  const from = range.from ?? 0;
  const to = range.to ?? 65535;
  if (from <= 0 && to >= 65535) return `${name}/all ports`;
  return from === to ? `${name}/${from}` : `${name}/${from}-${to}`;
}
