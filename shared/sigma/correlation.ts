/**
 * Sigma 2 correlation rules compiled: `event_count`, `value_count`,
 * `temporal` and `temporal_ordered` over `group-by` fields within `timespan`.
 * The value aggregations (`value_sum`, `value_avg`, ...) are refused.
 */
import { type SigmaMeta, readMeta } from './compile.js';
import { isRecord as isObject } from '../lib/guards.js';
import { refuse } from './refusal.js';

/** Supported correlation types. */
export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered'] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** A condition on a count: every given bound must hold. */
export interface CountCondition {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
  readonly eq?: number;
  readonly neq?: number;
}

/** A compiled correlation, before its rule references are resolved. */
export interface CompiledCorrelation {
  readonly meta: SigmaMeta;
  readonly type: CorrelationType;
  /** Referenced rules by id or name, as written. */
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespanMs: number;
  readonly condition: CountCondition;
  /** value_count: the field whose distinct values are counted. */
  readonly field?: string;
  /** alias → (rule id or name → field). */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Whether the referenced rules also alert on their own. @default false */
  readonly generate: boolean;
}

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parse `30s`, `5m`, `1h`, `2d`. */
export function parseTimespan(value: unknown): number {
  const m = typeof value === 'string' ? /^(\d+)([smhd])$/.exec(value.trim()) : null;
  if (!m) refuse(`timespan "${String(value)}" must be a number and one of s, m, h, d (e.g. 10m)`);
  const ms = Number(m[1]) * (UNITS[m[2] as string] as number);
  if (ms <= 0) refuse(`timespan "${String(value)}" must be positive`);
  return ms;
}

/** Compile a correlation document. */
export function compileCorrelation(doc: Record<string, unknown>, file: string): CompiledCorrelation {
  const meta = readMeta(doc, file);
  const c = doc.correlation;
  if (!isObject(c)) refuse('correlation must be a map');
  const type = c.type;
  if (typeof type !== 'string') refuse('correlation.type is missing');
  if (!(CORRELATION_TYPES as readonly string[]).includes(type)) {
    refuse(`correlation type "${type}" is not supported (supported: ${CORRELATION_TYPES.join(', ')})`);
  }
  const rules = typeof c.rules === 'string' ? [c.rules] : Array.isArray(c.rules) && c.rules.every((r) => typeof r === 'string') ? (c.rules as string[]) : [];
  if (rules.length === 0) refuse('correlation.rules must name one or more rules by id or name');
  const groupBy = c['group-by'] === undefined ? [] : typeof c['group-by'] === 'string' ? [c['group-by']] : Array.isArray(c['group-by']) && c['group-by'].every((g) => typeof g === 'string') ? (c['group-by'] as string[]) : refuse('correlation.group-by must be a list of field names');
  const timespanMs = parseTimespan(c.timespan ?? c.timeframe);
  const { condition, field } = readCondition(c.condition, type as CorrelationType, rules.length);
  const aliases: Record<string, Record<string, string>> = {};
  if (c.aliases !== undefined) {
    if (!isObject(c.aliases)) refuse('correlation.aliases must be a map');
    for (const [alias, map] of Object.entries(c.aliases)) {
      if (!isObject(map) || !Object.values(map).every((v) => typeof v === 'string')) refuse(`correlation.aliases.${alias} must map rule names to fields`);
      aliases[alias] = map as Record<string, string>;
    }
  }
  const generate = c.generate ?? doc.generate ?? false;
  if (typeof generate !== 'boolean') refuse('generate must be true or false');
  return { meta, type: type as CorrelationType, rules, groupBy, timespanMs, condition, ...(field ? { field } : {}), aliases, generate };
}

function readCondition(value: unknown, type: CorrelationType, ruleCount: number): { condition: CountCondition; field?: string } {
  if (value === undefined) {
    if (type === 'temporal' || type === 'temporal_ordered') return { condition: { gte: ruleCount } };
    refuse(`correlation.condition is required for ${type}`);
  }
  if (!isObject(value)) refuse('correlation.condition must be a map such as {gte: 10}');
  const out: Record<string, number> = {};
  let field: string | undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'field') {
      if (typeof v !== 'string') refuse('correlation.condition.field must be a field name');
      field = v;
    } else if (['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) refuse(`correlation.condition.${k} must be a number`);
      out[k] = v;
    } else refuse(`correlation.condition.${k} is not a condition (use gt, gte, lt, lte, eq, neq)`);
  }
  if (Object.keys(out).length === 0) refuse('correlation.condition has no bound (gt, gte, ...)');
  if (out.gt === undefined && out.gte === undefined && out.eq === undefined) {
    refuse('correlation.condition with only lt / lte / neq needs the end of each window, which a streaming evaluator cannot know; add a gt, gte or eq bound');
  }
  if (type === 'value_count' && !field) refuse('value_count needs correlation.condition.field');
  return { condition: out, ...(field ? { field } : {}) };
}

/** True when `n` satisfies every bound. */
export function meetsCondition(c: CountCondition, n: number): boolean {
  return (c.gt === undefined || n > c.gt) && (c.gte === undefined || n >= c.gte) && (c.lt === undefined || n < c.lt) &&
    (c.lte === undefined || n <= c.lte) && (c.eq === undefined || n === c.eq) && (c.neq === undefined || n !== c.neq);
}
