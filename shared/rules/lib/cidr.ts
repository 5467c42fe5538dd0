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

/**
 * True when `text[0, end)` is `a.b.c.d`: four runs of one to three ASCII
 * digits, each at most 255 (leading zeros allowed) — what {@link IPV4} and
 * the octet check accept, without a match array. Blocks sit on hot actions
 * (every security-group ingress), so parsing allocates nothing.
 */
function isIPv4Lenient(text: string, end: number): boolean {
  let i = 0;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (i >= end || text.charCodeAt(i) !== 0x2e) return false;
      i++;
    }
    const start = i;
    let value = 0;
    while (i < end && i - start < 4) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || value > 255) return false;
  }
  return i === end;
}

/** `text[start, end)` as one to three ASCII digits (`/^\d{1,3}$/`), else -1. */
function prefixValue(text: string, start: number, end: number): number {
  const digits = end - start;
  if (digits < 1 || digits > 3) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

/** {@link blockShape} of an IPv6 block: `IPV6_SHAPE + prefix`. */
const IPV6_SHAPE = 256;

/**
 * The family and prefix of a trimmed block, packed in one number (the
 * prefix for IPv4, {@link IPV6_SHAPE} plus the prefix for IPv6), or -1 when
 * it is not a block.
 */
function blockShape(text: string): number {
  const slash = text.indexOf('/');
  const end = slash < 0 ? text.length : slash;
  const family = isIPv4Lenient(text, end) ? 4 : isIPv6(slash < 0 ? text : text.slice(0, slash)) ? 6 : 0;
  if (family === 0) return -1;
  const max = family === 4 ? 32 : 128;
  const prefix = slash < 0 ? max : prefixValue(text, slash + 1, text.length);
  if (prefix < 0 || prefix > max) return -1;
  return family === 4 ? prefix : IPV6_SHAPE + prefix;
}

/** Parse `a.b.c.d/n`, `x::y/n` or a bare address; `undefined` when invalid. */
export function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const shape = blockShape(text);
  if (shape < 0) return undefined;
  return shape >= IPV6_SHAPE ? { family: 6, prefix: shape - IPV6_SHAPE, text } : { family: 4, prefix: shape, text };
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
  if (!mayCoverInternet(values)) return [];
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

/**
 * False when `values` cannot cover all of IPv4 or IPv6: the sizes of each
 * family's blocks add up to less than its address space, and a union is
 * never larger than the sum of its parts. An exact shortcut for
 * {@link internetCoverage}, whose interval arithmetic only runs when this
 * is true (an office range, a VPC range: most ingress rules stop here).
 */
export function mayCoverInternet(values: readonly unknown[]): boolean {
  // IPv4 sizes (at most 2^32 each) add up exactly in a double below 2^53.
  if (values.length >= 2 ** 20) return true;
  let v4 = 0;
  // IPv6 sizes as shares of the space (2^-prefix, exact); the sum may lose
  // at most n·2^-53 to rounding, hence the margin.
  let v6 = 0;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const shape = blockShape(value.trim());
    if (shape < 0) continue;
    if (shape >= IPV6_SHAPE) v6 += 2 ** -(shape - IPV6_SHAPE);
    else v4 += 2 ** (32 - shape);
  }
  return v4 >= 2 ** 32 || v6 >= 1 - values.length * 2 ** -50;
}

/** The blocks among `values` that together cover all of IPv4 or IPv6 (empty when none do). */
export function internetCoveringRanges(values: readonly unknown[]): string[] {
  return internetCoverage(values).flatMap((c) => c.ranges);
}
