/**
 * The CIDR code as it was before the hand-written parser of
 * shared/rules/lib/cidr.ts (regular expressions, `BigInt` intervals for
 * both families), kept verbatim as the reference the fast-path properties
 * compare with (test/fuzz/cidr-fast-path.fuzz.test.ts).
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
  return m?.slice(1).every((octet) => Number(octet) <= 255) ?? false;
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

/** An address range `[start, end]` (inclusive) of one family. */
interface Interval {
  readonly start: bigint;
  readonly end: bigint;
}

function ipv4Value(address: string): bigint | undefined {
  const m = IPV4.exec(address);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
}

function ipv6Value(address: string): bigint | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address.split('%')[0] ?? address;
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) becomes two hextets.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const v4 = ipv4Value(tail[1]);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, -tail[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The address range a block spans (host bits ignored, as the clouds do). */
function intervalOf(cidr: Cidr): Interval | undefined {
  const slash = cidr.text.indexOf('/');
  const address = slash < 0 ? cidr.text : cidr.text.slice(0, slash);
  const value = cidr.family === 4 ? ipv4Value(address) : ipv6Value(address);
  if (value === undefined) return undefined;
  const bits = BigInt(cidr.family === 4 ? 32 : 128);
  const hostBits = bits - BigInt(cidr.prefix);
  const start = (value >> hostBits) << hostBits;
  return { start, end: start + (1n << hostBits) - 1n };
}

/** True when the intervals together span `[0, 2^bits - 1]`. */
function spansAll(intervals: readonly Interval[], bits: bigint): boolean {
  const sorted = [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let next = 0n;
  for (const { start, end } of sorted) {
    if (start > next) return false;
    if (end + 1n > next) next = end + 1n;
  }
  return next === 1n << bits;
}

/** The blocks of one family that together cover that whole address space. */
export interface InternetCoverage {
  readonly family: 4 | 6;
  /** The blocks as written, in input order. */
  readonly ranges: readonly string[];
}

/**
 * Which address families a set of ranges covers completely: the union of
 * the blocks (of one rule or one request) spans every IPv4 address, or every
 * IPv6 address, even when no single block is a `/0` (`0.0.0.0/1` plus
 * `128.0.0.0/1`; four `/2`s; ...). Each family is computed on its own;
 * invalid values are ignored. `0.0.0.0/8` covers nothing of the kind.
 *
 * @example
 * internetCoverage(['0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8'])
 * // → [{ family: 4, ranges: ['0.0.0.0/1', '128.0.0.0/1'] }]
 * @param values - CIDR blocks or bare addresses, as logged
 * @returns one entry per fully covered family, naming a minimal set of its
 *   blocks that together cover it (blocks the others make redundant are left out)
 */
export function internetCoverage(values: readonly unknown[]): InternetCoverage[] {
  const out: InternetCoverage[] = [];
  for (const family of [4, 6] as const) {
    const blocks = values.flatMap((v) => {
      const cidr = parseCidr(v);
      const interval = cidr?.family === family ? intervalOf(cidr) : undefined;
      return cidr && interval ? [{ text: cidr.text, interval }] : [];
    });
    if (blocks.length === 0) continue;
    const bits = family === 4 ? 32n : 128n;
    if (!spansAll(blocks.map((b) => b.interval), bits)) continue;
    // Keep a minimal cover: drop the narrowest blocks the others make redundant.
    const kept = new Set(blocks);
    const bySize = [...blocks].sort((a, b) => (a.interval.end - a.interval.start < b.interval.end - b.interval.start ? -1 : 1));
    for (const block of bySize) {
      kept.delete(block);
      if (!spansAll([...kept].map((b) => b.interval), bits)) kept.add(block);
    }
    out.push({ family, ranges: blocks.filter((b) => kept.has(b)).map((b) => b.text) });
  }
  return out;
}

/** The blocks among `values` that together cover all of IPv4 or IPv6 (empty when none do). */
export function internetCoveringRanges(values: readonly unknown[]): string[] {
  return internetCoverage(values).flatMap((c) => c.ranges);
}
