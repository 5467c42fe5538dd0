/**
 * Property-based tests of CIDR parsing: a block is the whole internet
 * exactly when its prefix is 0, whatever the address; nothing else is; and
 * no input makes the check throw.
 *
 * Runs: 2 000 + 2 000 + 1 000 + 1 000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWholeInternet, parseCidr } from '../../shared/rules/lib/cidr.js';

/** Any valid IPv4 or IPv6 address with a valid prefix for its family. */
const block = fc.oneof(
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })),
);

/** Strings made of address characters, a slash and digits: near misses of real blocks. */
const addressLike = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.'), maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 4 }))
  .map(([address, prefix]) => `${address}/${prefix}`);

describe('isWholeInternet', () => {
  it('is true exactly when the prefix is 0, for any IPv4 or IPv6 address (2 000 runs)', () => {
    fc.assert(
      fc.property(block, fc.constantFrom('', ' ', '\t'), ([address, prefix], pad) => {
        // Prepare
        const cidr = `${pad}${address}/${prefix}${pad}`;

        // Act
        const whole = isWholeInternet(cidr);

        // Assess
        expect(whole).toBe(prefix === 0);
        expect(parseCidr(cidr)?.prefix).toBe(prefix);
      }),
      { numRuns: 2000 },
    );
  });

  it('is false for bare addresses and out-of-range prefixes (2 000 runs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.ipV4(),
          fc.ipV6(),
          fc.tuple(fc.ipV4(), fc.integer({ min: 33, max: 999 })).map(([a, p]) => `${a}/${p}`),
          fc.tuple(fc.ipV6(), fc.integer({ min: 129, max: 999 })).map(([a, p]) => `${a}/${p}`),
          fc.tuple(fc.oneof(fc.ipV4(), fc.ipV6()), fc.constantFrom('/', '/-0', '/+0', '/0.0', '/0x0', '/ 0', '/0/0', '/0000')).map(([a, p]) => `${a}${p}`),
        ),
        (cidr) => {
          // Act + Assess
          expect(isWholeInternet(cidr)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary strings, and is true only for a parsed /0 (1 000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), addressLike), (text) => {
        // Act
        const whole = isWholeInternet(text);

        // Assess
        expect(whole).toBe(parseCidr(text)?.prefix === 0);
        if (whole) expect(text.trim()).toMatch(/\/0{1,3}$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on values of any type (1 000 runs)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        // Act + Assess
        expect(typeof isWholeInternet(value)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
