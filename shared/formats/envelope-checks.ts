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

/** `z.string().nullish()`: a string, `null` or `undefined`. */
export function isOptionalText(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** `z.string().min(1)`: a non-empty string. */
export function isNonEmptyText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
