/** Ordering by severity, written once for every alert and report. */
import { type Severity, severityRank } from '../types.js';

/**
 * A copy of `items`, most severe first; items of equal severity keep their
 * order (the sort is stable).
 *
 * @example
 * mostSevereFirst([{ severity: 'low' }, { severity: 'high' }]) // high, low
 * @param items findings, or anything with a severity
 */
export function mostSevereFirst<T extends { readonly severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}
