/**
 * Allow-list matching: `*` matches any run of characters, the rest is
 * literal, case-insensitive, anchored at both ends.
 */
import type { AllowEntry } from '../config/schema.js';

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
    const source = pattern.split('*').map(escapeRegExp).join('.*');
    const regex = new RegExp(`^${source}$`, 'i');
    return { pattern, ...(reason ? { reason } : {}), test: (value: string) => regex.test(value) };
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

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
