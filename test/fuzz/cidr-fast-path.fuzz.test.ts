/**
 * The hand-written CIDR parser and the internet-coverage shortcut of
 * shared/rules/lib/cidr.ts give exactly what the regular-expression and
 * `BigInt` code they replace gives (test/fuzz/reference/cidr.ts): the
 * same parsed block (family, prefix, text) or `undefined`, and the same
 * coverage, for valid IPv4 and IPv6 blocks, near misses (leading zeros,
 * 4-digit octets, non-ASCII digits, zones, embedded IPv4), padded and odd
 * strings, values of any type, and lists that split an address space into
 * halves, quarters, ... with a block missing or added.
 *
 * Runs: 3 000 + 2 000 + 1 000 + 2 000 + 300.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { internetCoverage, isWholeInternet, mayCoverInternet, parseCidr } from '../../shared/rules/lib/cidr.js';
import * as reference from './reference/cidr.js';

/** Valid blocks and bare addresses of both families. */
const valid = fc.oneof(
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`),
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6(),
);

/** Characters near the grammar: digits (ASCII and not), separators, hex, signs, spaces. */
const NEAR = [...'0123456789.:/abcdefABCDEF%x+- ', '\t', '\u00a0', '\ufeff', '\u0660', '\uff11', '\u2028', '\n'];

/** Near misses of real blocks: edits of valid ones and strings of address characters. */
const nearMiss = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NEAR), maxLength: 24 }),
  fc
    .tuple(valid, fc.nat({ max: 40 }), fc.constantFrom(...NEAR, '', '00', '/0', '/', '0000'))
    .map(([text, at, insert]) => `${text.slice(0, at)}${insert}${text.slice(at)}`),
  fc.tuple(valid, fc.nat({ max: 40 })).map(([text, at]) => `${text.slice(0, at)}${text.slice(at + 1)}`),
  fc.constantFrom(
    '010.020.000.000/016', '1.2.3.4/00', '1.2.3.4/000', '1.2.3.4/0000', '256.0.0.0/8', '1.2.3.4.5/8', '1.2.3/8', '1..2.3/8',
    '0.0.0.0/0', '::/0', '::ffff:1.2.3.4/96', '::ffff:1.2.3.04/96', 'fe80::1%eth0/64', 'fe80::1%eth0', '1:2:3:4:5:6:7:8/128',
    '1:2:3:4:5:6:7:8:9/128', '::/129', '0.0.0.0/33', ' 0.0.0.0/0 ', '0.0.0.0/+0', '0.0.0.0/-0', '0.0.0.0 /0', '0.0.0.0/ 0',
    '1.2.3.4/', '/0', '', '1.2.3.4//0', '١.٢.٣.٤/8', '１.2.3.4/8', '1.2.3.4/８',
  ),
);

/** Whitespace `trim` removes (and some it does not) around a block. */
const padded = fc
  .tuple(fc.constantFrom('', ' ', '\t', '\n', '\u00a0', '\ufeff', '\u2028', '\u200b'), fc.oneof(valid, nearMiss), fc.constantFrom('', ' ', '\r\n', '\u3000', '\u200b'))
  .map(([a, text, b]) => `${a}${text}${b}`);

const anyBlock = fc.oneof({ weight: 3, arbitrary: valid }, { weight: 3, arbitrary: nearMiss }, { weight: 2, arbitrary: padded }, { weight: 1, arbitrary: fc.anything() });

/** Blocks that split one family's space: start from `/0`, halve some blocks, maybe drop one or add others. */
function splitSpace(family: 4 | 6) {
  const bits = family === 4 ? 32 : 128;
  const text = (start: bigint, prefix: number) => {
    if (family === 4) return `${[24n, 16n, 8n, 0n].map((s) => (start >> s) & 255n).join('.')}/${prefix}`;
    const groups = Array.from({ length: 8 }, (_, i) => ((start >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
    return `${groups.join(':')}/${prefix}`;
  };
  return fc
    .tuple(fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), fc.array(fc.oneof(valid, nearMiss), { maxLength: 3 }), fc.nat())
    .map(([splits, dropOne, extra, seed]) => {
      let blocks: { start: bigint; prefix: number }[] = [{ start: 0n, prefix: 0 }];
      for (const pick of splits) {
        const i = pick % blocks.length;
        const b = blocks[i]!;
        if (b.prefix >= bits) continue;
        const half = 1n << BigInt(bits - b.prefix - 1);
        blocks = [...blocks.slice(0, i), { start: b.start, prefix: b.prefix + 1 }, { start: b.start + half, prefix: b.prefix + 1 }, ...blocks.slice(i + 1)];
      }
      if (dropOne && blocks.length > 1) blocks.splice(seed % blocks.length, 1);
      const all = [...blocks.map((b) => text(b.start, b.prefix)), ...extra];
      // A fixed shuffle from the seed, so shrinking keeps the order.
      return all.map((v, i) => ({ v, k: (seed * 31 + i * 17) % 97 })).sort((a, b) => a.k - b.k).map((x) => x.v);
    });
}

const blockList = fc.oneof(
  fc.array(anyBlock, { maxLength: 6 }),
  splitSpace(4),
  splitSpace(6),
  fc.tuple(splitSpace(4), splitSpace(6)).map(([a, b]) => [...a, ...b]),
  fc.array(fc.constantFrom('0.0.0.0/1', '128.0.0.0/1', '::/1', '8000::/1', '0.0.0.0/0', '::/0', ' 0.0.0.0/0', '10.0.0.0/8'), { maxLength: 5 }),
);

describe('parseCidr equals the reference', () => {
  it('on valid blocks, near misses and padded strings (3 000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(valid, nearMiss, padded), (text) => {
        // Act + Assess
        expect(parseCidr(text)).toStrictEqual(reference.parseCidr(text));
        expect(isWholeInternet(text)).toBe(reference.isWholeInternet(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('on arbitrary strings and values of any type (2 000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (value) => {
        // Act + Assess
        expect(parseCidr(value)).toStrictEqual(reference.parseCidr(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the key order of the parsed block (1 000 runs)', () => {
    fc.assert(
      fc.property(valid, (text) => {
        // Act + Assess
        expect(Object.keys(parseCidr(text) ?? {})).toEqual(Object.keys(reference.parseCidr(text) ?? {}));
      }),
      { numRuns: 300 },
    );
  });
});

describe('internetCoverage equals the reference', () => {
  it('on lists that split an address space, with a block missing or added, and on odd lists (2 000 runs)', () => {
    fc.assert(
      fc.property(blockList, (values) => {
        // Act
        const expected = reference.internetCoverage(values);

        // Assess: the same coverage, and the shortcut never says "cannot" when the reference finds a cover.
        expect(internetCoverage(values)).toStrictEqual(expected);
        if (expected.length > 0) expect(mayCoverInternet(values)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('on many copies of small blocks, whose sizes add up near a whole space (1 000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(4, 6), fc.integer({ min: 1, max: 8 }), fc.integer({ min: -2, max: 2 }), (family, prefix, delta) => {
        // Prepare: 2^prefix + delta copies of one /prefix block (enough to fill the space by size, never by union).
        const block = family === 4 ? `10.0.0.0/${prefix}` : `2001:db8::/${prefix}`;
        const values = Array<string>(Math.max(0, 2 ** prefix + delta)).fill(block);

        // Act + Assess
        expect(internetCoverage(values)).toStrictEqual(reference.internetCoverage(values));
      }),
      { numRuns: 300 },
    );
  });
});
