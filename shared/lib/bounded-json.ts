/**
 * A copy of a value that is always safe to `JSON.stringify`, whatever a log
 * record held: nesting deeper than `maxDepth` and anything past `maxBytes`
 * (estimated as it goes) are replaced by a marker string, cycles are cut,
 * and values JSON cannot hold (bigint, functions, symbols) become strings or
 * drop out as `JSON.stringify` would.
 */

/** Limits of {@link boundedJson}. */
export interface JsonBounds {
  /** Deepest nesting kept. @default 32 */
  readonly maxDepth?: number;
  /** Rough size budget of the serialized copy, in bytes. @default 65536 */
  readonly maxBytes?: number;
  /** Longest string kept whole, in characters. @default 4096 */
  readonly maxString?: number;
}

/** Marker left where nesting went deeper than allowed. */
export const TOO_DEEP = '[truncated: nested too deep]';
/** Marker left where the size budget ran out. */
export const TOO_BIG = '[truncated: too large]';

/** A JSON-safe copy of `value` within the bounds. */
export function boundedJson(value: unknown, bounds: JsonBounds = {}): unknown {
  const maxDepth = bounds.maxDepth ?? 32;
  const maxString = bounds.maxString ?? 4096;
  let budget = bounds.maxBytes ?? 65536;
  const seen = new Set<object>();

  const copy = (v: unknown, depth: number): unknown => {
    if (budget <= 0) return TOO_BIG;
    if (v === null || typeof v === 'boolean') {
      budget -= 5;
      return v;
    }
    if (typeof v === 'number') {
      budget -= 12;
      return Number.isFinite(v) ? v : null;
    }
    if (typeof v === 'string') {
      const kept = v.length > maxString ? `${v.slice(0, maxString)}…` : v;
      budget -= kept.length + 2;
      return kept;
    }
    if (typeof v === 'bigint') return copy(String(v), depth);
    if (typeof v !== 'object') return undefined;
    if (depth >= maxDepth) {
      budget -= TOO_DEEP.length;
      return TOO_DEEP;
    }
    if (seen.has(v)) return '[circular]';
    const withJson = v as { toJSON?: unknown };
    if (typeof withJson.toJSON === 'function') return copy((withJson.toJSON as () => unknown).call(v), depth);
    seen.add(v);
    budget -= 2;
    let out: unknown;
    if (Array.isArray(v)) {
      const items: unknown[] = [];
      for (const item of v) {
        if (budget <= 0) {
          items.push(TOO_BIG);
          break;
        }
        const c = copy(item, depth + 1);
        items.push(c === undefined ? null : c);
      }
      out = items;
    } else {
      const fields: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        if (budget <= 0) {
          fields['…'] = TOO_BIG;
          break;
        }
        budget -= k.length + 3;
        const c = copy(item, depth + 1);
        if (c !== undefined) Object.defineProperty(fields, k, { value: c, enumerable: true, writable: true, configurable: true });
      }
      out = fields;
    }
    seen.delete(v);
    return out;
  };
  return copy(value, 0);
}
