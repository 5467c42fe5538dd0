/**
 * Allow-list matching: `*` matches any run of characters, the rest is
 * literal, case-insensitive, anchored at both ends.
 */
import type { AllowEntry } from '../config/schema.js';
import { wildcardMatch } from '../rules/lib/wildcard.js';

/** A compiled allow-list entry. */
export interface AllowMatcher {
  readonly pattern: string;
  readonly reason?: string;
  test(value: string): boolean;
}

/** Compile configured entries once. */
export function compileAllowList(entries: readonly AllowEntry[]): AllowMatcher[] {
  return entries.map((entry) => {
    const pattern = typeof entry === 'string' ? entry : entry.pattern;
    const reason = typeof entry === 'string' ? undefined : entry.reason;
    const lower = pattern.toLowerCase().replace(/\?/g, '\u0000');
    // `?` is literal in allow-lists: hide it from the matcher, which treats it as a wildcard.
    const test = (value: string) => wildcardMatch(lower, value.toLowerCase().replace(/\?/g, '\u0000'));
    return { pattern, ...(reason ? { reason } : {}), test };
  });
}

/** The first matcher that matches any of `values`, or `undefined`. */
export function firstMatch(
  matchers: readonly AllowMatcher[],
  values: readonly (string | undefined)[],
): AllowMatcher | undefined {
  for (const matcher of matchers) {
    if (values.some((v) => v !== undefined && v !== '' && matcher.test(v))) return matcher;
  }
  return undefined;
}
