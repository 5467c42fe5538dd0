/**
 * Values as `JSON.parse` makes them, for the hand-written fast paths that
 * stand in for zod schemas (the audit-record envelopes, the policy reader):
 * a yes means zod reads the value as plain data; a no means "ask zod", never
 * "invalid".
 */

/**
 * An object `z.object()` reads as plain data: its prototype is
 * `Object.prototype` or `null` (JSON.parse makes nothing else), and it has no
 * `then` function (zod takes such an object for a promise).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { then?: unknown }).then !== 'function';
}

const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];

/** An array zod walks as a plain one: a plain `Array` with the built-in iterator (JSON arrays have no holes). */
export function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && value[Symbol.iterator] === ARRAY_ITERATOR;
}
