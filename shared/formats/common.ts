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

/**
 * A record's envelope: the record itself when the hand-written check vouches
 * for it (most records), else what zod makes of it — so a rejection's reason
 * is always zod's.
 */
export function checkedEnvelope<T>(
  record: unknown,
  vouches: (record: unknown) => record is T,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): { readonly ok: true; readonly data: T } | { readonly ok: false; readonly reason: string } {
  if (vouches(record)) return { ok: true, data: record };
  const parsed = schema.safeParse(record);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
}

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
 *
 * Nearly every record's time is already `YYYY-MM-DDTHH:MM:SS[.f…]Z` (CloudTrail
 * writes whole seconds, Yandex microseconds): {@link fastIsoTime} rewrites
 * those as strings; any other text goes through `Date.parse`.
 */
export function normalizeTime(value: string): string {
  return fastIsoTime(value) ?? normalizeTimeByDateParse(value);
}

/** {@link normalizeTime} by `Date.parse` alone: every shape it accepts (and the reference the fast path is tested against). */
export function normalizeTimeByDateParse(value: string): string {
  let text = value.trim();
  if (/^\d{4}-\d\d-\d\d \d/.test(text)) text = text.replace(' ', 'T');
  if (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

const DIGIT_0 = 48;
const MAX_FRACTION_DIGITS = 9;

/**
 * `new Date(Date.parse(value)).toISOString()` for `YYYY-MM-DDTHH:MM:SSZ` and
 * `YYYY-MM-DDTHH:MM:SS.fZ` with 1 to 9 fraction digits and a real calendar
 * time, without a Date: the same digits with the fraction cut (or padded) to
 * milliseconds, as V8 reads it. `undefined` for anything else, which V8 may
 * read otherwise (it rolls `02-31` and `24:00` over, and past 9 fraction
 * digits it skips leading zeros), so the caller falls back to `Date.parse`.
 */
export function fastIsoTime(value: string): string | undefined {
  const length = value.length;
  if (length < 20 || value.charCodeAt(length - 1) !== 0x5a /* Z */) return undefined;
  if (
    value.charCodeAt(4) !== 0x2d /* - */ ||
    value.charCodeAt(7) !== 0x2d ||
    value.charCodeAt(10) !== 0x54 /* T */ ||
    value.charCodeAt(13) !== 0x3a /* : */ ||
    value.charCodeAt(16) !== 0x3a
  ) {
    return undefined;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const head = value.slice(0, 19);
  if (length === 20) return `${head}.000Z`;
  const fraction = length - 21;
  if (value.charCodeAt(19) !== 0x2e /* . */ || fraction < 1 || fraction > MAX_FRACTION_DIGITS) return undefined;
  if (digits(value, 20, fraction) < 0) return undefined;
  const ms = fraction >= 3 ? value.slice(20, 23) : fraction === 2 ? `${value.slice(20, 22)}0` : `${value.charAt(20)}00`;
  return `${head}.${ms}Z`;
}

/** The number written by `count` ASCII digits at `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar (the one Date uses, year 0 included). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A type whose fields can be set one by one (to build a readonly result without empty fields). */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

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
