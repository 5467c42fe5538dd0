/**
 * The CloudTrail SDK speaks PascalCase (`ReadWriteType`), the audit record
 * camelCase (`readWriteType`); the selector logic is written once for the
 * record's shape and this converts object keys (recursively) between them.
 */

/** Copy of `value` with every object key's first letter lower- or upper-cased. */
export function recase(value: unknown, to: 'lower' | 'upper'): unknown {
  if (Array.isArray(value)) return value.map((v) => recase(v, to));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const key = (to === 'lower' ? k.charAt(0).toLowerCase() : k.charAt(0).toUpperCase()) + k.slice(1);
    out[key] = recase(v, to);
  }
  return out;
}
