/**
 * The incident-review options of `scan` (and `backfill`, which lists the
 * same way): parseArgs definitions to spread into the CLI's option table,
 * and their validation into one typed request.
 */
import { availableParallelism } from 'node:os';
import { type TimeRange, parseTimeBound } from '../io/key-layout.js';
import type { ScanFilter } from './scan-filter.js';

/** parseArgs definitions of the options below. */
export const SCAN_OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  accounts: { type: 'string' },
  regions: { type: 'string' },
  actor: { type: 'string' },
  resource: { type: 'string' },
  'all-events': { type: 'boolean', default: false },
  concurrency: { type: 'string' },
  checkpoint: { type: 'string' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q', default: false },
} as const;

/** Output formats of `scan`. */
export const FORMATS = ['text', 'json', 'ocsf', 'csv'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** The validated options. */
export interface ScanRequest {
  readonly filter: ScanFilter;
  readonly allEvents: boolean;
  readonly concurrency: number;
  readonly checkpoint?: string;
  readonly output?: string;
  readonly quiet: boolean;
}

/** Raw values as parseArgs returns them. */
export interface ScanValues {
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly accounts?: string | undefined;
  readonly regions?: string | undefined;
  readonly actor?: string | undefined;
  readonly resource?: string | undefined;
  readonly 'all-events'?: boolean | undefined;
  readonly concurrency?: string | undefined;
  readonly checkpoint?: string | undefined;
  readonly output?: string | undefined;
  readonly quiet?: boolean | undefined;
}

/** Objects read at once by default: I/O bound, so a few per core. */
export function defaultConcurrency(): number {
  return Math.min(32, Math.max(4, availableParallelism() * 4));
}

const list = (value: string | undefined) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** Validate the values; a string is the usage error to print. */
export function parseScanRequest(values: ScanValues, now: number): ScanRequest | string {
  const range: { since?: number; until?: number } = {};
  for (const bound of ['since', 'until'] as const) {
    const text = values[bound];
    if (text === undefined) continue;
    const parsed = parseTimeBound(text, bound, now);
    if (typeof parsed === 'string') return parsed;
    range[bound] = parsed;
  }
  if (range.since !== undefined && range.until !== undefined && range.since >= range.until) {
    return `--since must be before --until`;
  }
  const accounts = list(values.accounts);
  const bad = accounts.find((a) => !/^\d{12}$/.test(a) && !/^[a-z0-9]{20}$/.test(a));
  if (bad) return `--accounts takes 12-digit AWS account ids (or Yandex cloud ids), got "${bad}"`;
  let concurrency = defaultConcurrency();
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
      return `--concurrency must be a whole number from 1 to 256, got "${values.concurrency}"`;
    }
  }
  return {
    filter: {
      range: range as TimeRange,
      accounts,
      regions: list(values.regions),
      ...(values.actor ? { actor: values.actor } : {}),
      ...(values.resource ? { resource: values.resource } : {}),
    },
    allEvents: values['all-events'] ?? false,
    concurrency,
    ...(values.checkpoint ? { checkpoint: values.checkpoint } : {}),
    ...(values.output ? { output: values.output } : {}),
    quiet: values.quiet ?? false,
  };
}
