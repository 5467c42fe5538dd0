/**
 * CIDR parsing. Whole-internet checks parse the block, never compare strings:
 * `208.236.235.254/0` is the whole internet, `0.0.0.0/32` is one host and
 * `0.0.0.0/16` is 65 536 addresses.
 */
import { isIPv6 } from 'node:net';

/** A parsed CIDR block. */
export interface Cidr {
  readonly family: 4 | 6;
  /** Prefix length; a bare address gets 32 or 128. */
  readonly prefix: number;
  /** The text as written. */
  readonly text: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIPv4Lenient(address: string): boolean {
  const m = IPV4.exec(address);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

/** Parse `a.b.c.d/n`, `x::y/n` or a bare address; `undefined` when invalid. */
export function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const family = isIPv4Lenient(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (family === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  if (prefixText === undefined) return { family, prefix: max, text };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > max) return undefined;
  return { family, prefix, text };
}

/** True when the block covers every IPv4 or every IPv6 address (prefix `/0`). */
export function isWholeInternet(value: unknown): boolean {
  return parseCidr(value)?.prefix === 0;
}
