/**
 * Safe reads of scalar request fields. Audit records are untrusted JSON: a
 * field may hold an object (even one with a `toString` key, on which
 * `String(value)` throws), so rules read text through these helpers.
 */

/**
 * A string as is, a finite number or a boolean as text, anything else
 * `undefined`; never throws.
 *
 * @example scalarText('allow') // 'allow'
 * @example scalarText(6) // '6'
 * @example scalarText({ toString: 1 }) // undefined
 */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}
