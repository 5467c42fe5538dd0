/**
 * What the audit-log bucket layouts say about a key, so a listing can be
 * pruned before any object is read.
 *
 * - AWS CloudTrail: `AWSLogs/[<org-id>/]<account>/CloudTrail/<region>/YYYY/MM/DD/<file>.json.gz`;
 *   digest files live under `CloudTrail-Digest/` and are not events.
 * - Yandex Audit Trails: `<object_prefix>/<trail_id>/YYYY/MM/DD/<file>.json`
 *   (Audit Trails "audit log format" page; the older page leaves out `DD`).
 *
 * A dated folder is recognised by its four-digit year children, whatever
 * sits above it, so both layouts (and a custom object prefix) prune by day.
 */

/** A half-open time range `[since, until)` in epoch milliseconds. */
export interface TimeRange {
  readonly since?: number;
  readonly until?: number;
}

/** How a listing is narrowed: time range, AWS accounts and regions. */
export interface KeyFilter {
  readonly range: TimeRange;
  /** 12-digit AWS account ids; empty: all. */
  readonly accounts: readonly string[];
  /** Region names (`eu-west-1`, `ru-central1`); empty: all. */
  readonly regions: readonly string[];
}

const DAY_MS = 86_400_000;
const RELATIVE = /^(\d+)([smhdw])$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parse `--since` / `--until`: an ISO date (`2026-10-01`), an ISO time
 * (`2026-10-01T12:00:00Z`), or a span back from now (`90d`, `12h`, `30m`).
 * A date alone given as `until` means the end of that day (inclusive day).
 * @returns epoch ms, or an error message naming the value
 */
export function parseTimeBound(text: string, bound: 'since' | 'until', now: number): number | string {
  const rel = RELATIVE.exec(text.trim());
  if (rel) return now - Number(rel[1]) * (UNIT_MS[rel[2] ?? 'd'] ?? DAY_MS);
  const value = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(value)) return `--${bound} must be an ISO date or time, or a span like 7d / 12h, got "${text}"`;
  return DATE_ONLY.test(text) && bound === 'until' ? value + DAY_MS : value;
}

/** The UTC days `YYYY/MM/DD` that overlap the range (both ends needed). */
export function daysOf(range: Required<TimeRange>): string[] {
  const days: string[] = [];
  const first = Math.floor(range.since / DAY_MS) * DAY_MS;
  for (let day = first; day < range.until; day += DAY_MS) days.push(new Date(day).toISOString().slice(0, 10).replace(/-/g, '/'));
  return days;
}

/** True when an event time (ISO) falls in the range; unparseable times are kept. */
export function inRange(time: string, range: TimeRange): boolean {
  const t = Date.parse(time);
  if (Number.isNaN(t)) return true;
  return (range.since === undefined || t >= range.since) && (range.until === undefined || t < range.until);
}

/** What a folder name means in the layouts. */
export type SegmentKind = 'digest' | 'org' | 'account' | 'region' | 'year' | 'other';

/**
 * Classify the child folder `name` of a folder named `parent`.
 * @example classifySegment('AWSLogs', '111122223333') // 'account'
 */
export function classifySegment(parent: string | undefined, name: string): SegmentKind {
  if (/-Digest$/.test(name)) return 'digest';
  if (/^\d{4}$/.test(name)) return 'year';
  if (parent === 'AWSLogs' || (parent !== undefined && /^o-[a-z0-9]{10,32}$/.test(parent))) {
    if (/^\d{12}$/.test(name)) return 'account';
    if (/^o-[a-z0-9]{10,32}$/.test(name)) return 'org';
  }
  if (parent === 'CloudTrail') return 'region';
  return 'other';
}

/** Whether the folder passes the account and region filters. */
export function keepSegment(kind: SegmentKind, name: string, filter: KeyFilter): boolean {
  if (kind === 'digest') return false;
  if (kind === 'account') return filter.accounts.length === 0 || filter.accounts.includes(name);
  if (kind === 'region') return filter.regions.length === 0 || filter.regions.includes(name);
  return true;
}

/** The date `YYYY/MM/DD` (or `YYYY/MM`) a key's path holds, if any. */
export function keyDay(key: string): string | undefined {
  const m = /\/(\d{4})\/(\d{2})(?:\/(\d{2}))?\/[^/]+$/.exec(key);
  if (!m) return undefined;
  return m[3] ? `${m[1]}/${m[2]}/${m[3]}` : `${m[1]}/${m[2]}`;
}

/** True when a key's day (from its path) can hold records in the range. */
export function keyMayBeInRange(key: string, range: TimeRange): boolean {
  const day = keyDay(key);
  if (!day) return true;
  const [y, mo, d] = day.split('/').map(Number);
  const start = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1);
  const end = d === undefined ? Date.UTC(y ?? 0, mo ?? 1, 1) : start + DAY_MS;
  return (range.since === undefined || end > range.since) && (range.until === undefined || start < range.until);
}

/** True for keys that are never events (CloudTrail digests). */
export function isDigestKey(key: string): boolean {
  return /(^|\/)CloudTrail-Digest\//.test(key);
}
