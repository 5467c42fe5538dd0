/**
 * Small helpers the format parsers share: zod issue formatting, time
 * normalization and safe record access.
 */
import type { z } from 'zod';
import type { AuditEvent } from '../types.js';

/** Result of normalizing one record: the event, or why it was rejected. */
export type ParsedRecord =
  | { readonly ok: true; readonly event: AuditEvent }
  | { readonly ok: false; readonly reason: string };

/** One line naming the first problem zod found, with its path: `eventName: expected string`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const path = issue.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : '';
  return `${path || 'record'}: ${issue.message}${more}`;
}

/**
 * ISO-8601 in UTC when the input parses as a date, else the input unchanged.
 * Accepts `2024-01-01 00:00:00.000` (space, no zone) as UTC.
 */
export function normalizeTime(value: string): string {
  let text = value.trim();
  if (/^\d{4}-\d\d-\d\d \d/.test(text)) text = text.replace(' ', 'T');
  if (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** Drop `undefined`, `null` and empty-string values so optional fields stay absent. */
export function compact<T extends Record<string, string | null | undefined>>(
  fields: T,
): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value) out[key as keyof T] = value;
  }
  return out;
}

/** True for `true` and `"true"` (any case): logs write some flags as strings. */
export function isTrueFlag(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/**
 * A cheap check of a record's envelope, for records no rule looks at (they
 * are not fully validated): the first missing or non-string field, or `undefined`.
 */
export function envelopeProblem(record: unknown, fields: readonly string[]): string | undefined {
  if (record === null || typeof record !== 'object') return 'record: expected an object';
  const r = record as Record<string, unknown>;
  const bad = fields.find((k) => typeof r[k] !== 'string' || r[k] === '');
  return bad ? `${bad}: expected a non-empty string` : undefined;
}
