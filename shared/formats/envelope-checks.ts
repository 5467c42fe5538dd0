/**
 * Type checks that agree exactly with the zod schemas the envelopes are
 * declared with, for the hand-written envelope validators
 * (`aws-cloudtrail-envelope.ts`, `yandex-envelope.ts`).
 *
 * Each answers "zod takes this value and gives it back unchanged": true only
 * when it is sure. A false answer means "ask zod", never "invalid": values of
 * a kind JSON never holds (class instances, functions, sparse or subclassed
 * arrays) are left to zod rather than mirrored here.
 */

/**
 * An object `z.object()` accepts: a plain object (JSON.parse makes nothing
 * else). zod also turns away arrays, `null`, Map, Set, Date and anything with
 * `then` and `catch` methods; plain objects are none of those unless they hold
 * a function, which JSON cannot.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { then?: unknown }).then !== 'function';
}

/** An array `z.array()` walks as `.find` and `for…of` do: a plain array (JSON arrays have no holes). */
export function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** `z.string().nullish()`: a string, `null` or `undefined`. */
export function isOptionalText(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** `z.string().min(1)`: a non-empty string. */
export function isNonEmptyText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
