/**
 * A small seeded PRNG (mulberry32) and the helpers the generators need.
 * Same seed, same sequence, on every machine: no Math.random anywhere.
 */

/** A deterministic source of random choices. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One item, by weight: `[[weight, item], …]`. */
  weighted<T>(table: WeightedTable<T>): T;
  /** `len` lower-case hex digits. */
  hex(len: number): string;
  /** `len` characters from `alphabet`. */
  chars(len: number, alphabet: string): string;
  /** A version-4-shaped UUID. */
  uuid(): string;
}

/** Items with relative weights, for {@link Rng.weighted}. */
export type WeightedTable<T> = readonly (readonly [number, T])[];

const HEX = '0123456789abcdef';

/** A PRNG seeded with a 32-bit integer. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32: tiny, fast, good enough for test data.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const chars = (len: number, alphabet: string): string => {
    let out = '';
    for (let i = 0; i < len; i++) out += alphabet[int(alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[int(items.length)] as T;
    },
    weighted<T>(table: WeightedTable<T>): T {
      const total = table.reduce((sum, [w]) => sum + w, 0);
      let r = next() * total;
      for (const [w, item] of table) {
        r -= w;
        if (r < 0) return item;
      }
      return (table[table.length - 1] as readonly [number, T])[1];
    },
    hex: (len) => chars(len, HEX),
    chars,
    uuid() {
      const h = chars(32, HEX);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${HEX[8 + int(4)]}${h.slice(17, 20)}-${h.slice(20)}`;
    },
  };
}
