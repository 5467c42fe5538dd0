/**
 * A Sigma detection rule (one YAML document) compiled once into a matcher
 * over raw records, with its metadata, log source and action index.
 */
import type { Cloud } from '../types.js';
import { type Condition, evaluateCondition, parseCondition, positiveRefs } from './condition.js';
import { type FieldTest, compileFieldItem } from './field-matcher.js';
import { lookupField } from './fields.js';
import { type Literals, allOf, anyOf } from './literals.js';
import { isRecord as isObject } from '../lib/guards.js';
import { INDEX_FIELDS, type LogSource, cloudOf } from './logsource.js';
import { refuse } from './refusal.js';

/** Sigma `level` values. */
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** What every finding of a Sigma rule carries (and what the DRL requires: the author). */
export interface SigmaMeta {
  readonly id: string;
  readonly name?: string;
  readonly title: string;
  readonly author: string;
  readonly level: Level;
  readonly status?: string;
  readonly description?: string;
  readonly references: readonly string[];
  readonly tags: readonly string[];
  /** The rule file, as given or found by the loader. */
  readonly file: string;
}

/** The prefilter: values of the action / service field a record must have, lower-cased. */
export interface SigmaIndex {
  readonly actions?: readonly string[];
  /** Action prefixes (`eventName|startswith`), lower-cased. */
  readonly actionPrefixes?: readonly string[];
  readonly services?: readonly string[];
}

/** A compiled detection rule. */
export interface CompiledSigmaRule {
  readonly meta: SigmaMeta;
  readonly logsource: LogSource;
  /** The cloud whose records it runs on; `undefined`: not for these logs. */
  readonly cloud: Cloud | undefined;
  /** `undefined` when the rule must run on every parsed record. */
  readonly index: SigmaIndex | undefined;
  /**
   * The raw-byte prefilter of a rule that cannot be indexed: lower-cased
   * ASCII literals of which the JSON text of every record it matches holds
   * one (escapes decoded, lower-cased). `undefined`: none is certain (a
   * branch without one, or a match only a `not` or a non-text modifier makes).
   */
  readonly literals: readonly string[] | undefined;
  /** Fields the rule can match on (for evidence). */
  readonly fields: readonly string[];
  match(record: unknown): boolean;
}

interface Selection {
  readonly tests: readonly (readonly FieldTest[])[]; // OR of AND groups
}

/** Compile one rule document. Throws {@link SigmaRefusal} on anything not supported. */
export function compileRule(doc: Record<string, unknown>, file: string): CompiledSigmaRule {
  const meta = readMeta(doc, file);
  if (doc.action !== undefined) refuse(`"action: ${String(doc.action)}" (Sigma 1 rule collections) is not supported`);
  const logsource = readLogSource(doc.logsource);
  const detection = doc.detection;
  if (!isObject(detection)) refuse('detection is missing or not a map');
  const names = Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe');
  if (names.length === 0) refuse('detection has no search identifiers');
  const selections = new Map<string, Selection>();
  for (const name of names) selections.set(name, compileSelection(name, detection[name]));
  const rawCondition = detection.condition;
  const texts = typeof rawCondition === 'string' ? [rawCondition] : Array.isArray(rawCondition) && rawCondition.length > 0 && rawCondition.every((c) => typeof c === 'string') ? (rawCondition as string[]) : refuse('detection.condition must be a string or a list of strings');
  const parsed = texts.map((t) => parseCondition(t, names));
  if (detection.timeframe !== undefined) {
    refuse('detection.timeframe (Sigma 1 multi-event matching) is not supported; write a Sigma 2 correlation rule instead');
  }
  const condition: Condition = parsed.length === 1 ? (parsed[0] as Condition) : { op: 'or', items: parsed };
  const cloud = cloudOf(logsource);
  const fields = [...positiveRefs(condition)].flatMap((n) => (selections.get(n)?.tests ?? []).flat().map((t) => t.field)).filter((f): f is string => f !== undefined);
  const index = cloud ? indexOf(condition, selections, cloud) : undefined;
  return {
    meta,
    logsource,
    cloud,
    index,
    literals: literalsOfCondition(condition, selections),
    fields: [...new Set(fields)],
    match(record) {
      const memo = new Map<string, boolean>();
      return evaluateCondition(condition, (name) => {
        let hit = memo.get(name);
        if (hit === undefined) {
          const sel = selections.get(name) as Selection;
          hit = sel.tests.some((group) => group.every((t) => t.test(record)));
          memo.set(name, hit);
        }
        return hit;
      });
    },
  };
}

/** Literals a matching record must hold one of: AND needs one side's, OR every side's; `not` gives none. */
function literalsOfCondition(condition: Condition, selections: ReadonlyMap<string, Selection>): Literals {
  const ofSelection = (name: string): Literals => anyOf((selections.get(name) as Selection).tests.map((group) => allOf(group.map((t) => t.literals))));
  const walk = (c: Condition): Literals => {
    switch (c.op) {
      case 'ref': return ofSelection(c.name);
      case 'not': return undefined;
      case 'and': return allOf(c.items.map(walk));
      case 'or': return anyOf(c.items.map(walk));
      case 'of': return c.count === 'all' ? allOf(c.names.map(ofSelection)) : anyOf(c.names.map(ofSelection));
    }
  };
  return walk(condition);
}

function compileSelection(name: string, value: unknown): Selection {
  const where = (e: unknown): never => refuse(`detection.${name}: ${(e as Error).message}`);
  try {
    if (isObject(value)) return { tests: [compileMap(value, name)] };
    if (Array.isArray(value)) {
      if (value.length === 0) refuse(`detection.${name}: empty list`);
      if (value.every(isObject)) return { tests: value.map((m) => compileMap(m as Record<string, unknown>, name)) };
      if (value.every((v) => !isObject(v) && !Array.isArray(v))) return { tests: [[compileFieldItem('', value)]] };
      refuse(`detection.${name}: a list must hold only maps or only keywords`);
    }
    if (typeof value === 'string' || typeof value === 'number') return { tests: [[compileFieldItem('', value)]] };
    return refuse(`detection.${name}: must be a map, a list of maps or a list of keywords`);
  } catch (error) {
    if ((error as Error).message.startsWith(`detection.${name}`)) throw error;
    return where(error);
  }
}

function compileMap(map: Record<string, unknown>, name: string): FieldTest[] {
  const keys = Object.keys(map);
  if (keys.length === 0) refuse(`detection.${name}: empty map`);
  return keys.map((k) => compileFieldItem(k, map[k]));
}

/** Necessary conditions: the action is one of `actions` (`=x` exact, `^x` prefix); the service one of `services`. */
type Constraint = { actions?: Set<string>; services?: Set<string> };

/** The action / service values a matching record must have, when the condition pins them. */
function indexOf(condition: Condition, selections: ReadonlyMap<string, Selection>, cloud: Cloud): SigmaIndex | undefined {
  const { action, service } = INDEX_FIELDS[cloud];
  const ofGroup = (group: readonly FieldTest[]): Constraint => {
    const parts: Constraint[] = [];
    for (const t of group) {
      if (t.field === action && t.exactValues) parts.push({ actions: new Set(t.exactValues.map((v) => `=${v}`)) });
      else if (t.field === action && t.prefixValues) parts.push({ actions: new Set(t.prefixValues.map((v) => `^${v}`)) });
      if (t.field === service && t.exactValues) parts.push({ services: new Set(t.exactValues) });
    }
    return every(parts);
  };
  const walk = (c: Condition): Constraint => {
    switch (c.op) {
      case 'ref': return any((selections.get(c.name) as Selection).tests.map(ofGroup));
      case 'not': return {};
      case 'and': return every(c.items.map(walk));
      case 'or': return any(c.items.map(walk));
      case 'of': {
        const parts = c.names.map((n) => walk({ op: 'ref', name: n }));
        return c.count === 'all' ? every(parts) : any(parts);
      }
    }
  };
  const result = walk(condition);
  if (result.actions) {
    const list = [...result.actions];
    const exact = list.filter((a) => a.startsWith('=')).map((a) => a.slice(1));
    const prefixes = list.filter((a) => a.startsWith('^')).map((a) => a.slice(1));
    return { ...(exact.length ? { actions: exact } : {}), ...(prefixes.length ? { actionPrefixes: prefixes } : {}) };
  }
  if (result.services) return { services: [...result.services] };
  return undefined;
}

/** OR: a constraint only when every side has one. */
function any(cs: readonly Constraint[]): Constraint {
  return {
    ...(cs.length > 0 && cs.every((c) => c.actions) ? { actions: union(cs.map((c) => c.actions as Set<string>)) } : {}),
    ...(cs.length > 0 && cs.every((c) => c.services) ? { services: union(cs.map((c) => c.services as Set<string>)) } : {}),
  };
}

/** AND: every side's constraint holds; keep the exact intersection, or the first prefix set. */
function every(cs: readonly Constraint[]): Constraint {
  const out: Constraint = {};
  for (const c of cs) {
    if (c.actions) out.actions = out.actions ? narrower(out.actions, c.actions) : c.actions;
    if (c.services) out.services = out.services ? new Set([...out.services].filter((x) => c.services?.has(x))) : c.services;
  }
  return out;
}

function narrower(a: Set<string>, b: Set<string>): Set<string> {
  const exact = (s: Set<string>) => [...s].every((x) => x.startsWith('='));
  if (exact(a) && exact(b)) return new Set([...a].filter((x) => b.has(x)));
  if (exact(a)) return a;
  if (exact(b)) return b;
  return a.size <= b.size ? a : b;
}

function union(sets: readonly Set<string>[]): Set<string> {
  return new Set(sets.flatMap((s) => [...s]));
}

function readLogSource(value: unknown): LogSource {
  if (!isObject(value)) refuse('logsource is missing or not a map');
  const text = (k: string) => (typeof value[k] === 'string' ? (value[k] as string) : undefined);
  const product = text('product');
  const service = text('service');
  const category = text('category');
  return { ...(product ? { product } : {}), ...(service ? { service } : {}), ...(category ? { category } : {}) };
}

/** The metadata of a rule or correlation document. */
export function readMeta(doc: Record<string, unknown>, file: string): SigmaMeta {
  const title = doc.title;
  if (typeof title !== 'string' || title.trim() === '') refuse('title is missing');
  const id = doc.id;
  if (id !== undefined && typeof id !== 'string') refuse('id must be a string');
  const name = typeof doc.name === 'string' ? doc.name : undefined;
  const ruleId = id ?? name;
  if (!ruleId) refuse('id is missing (a finding needs a stable rule id)');
  const level = doc.level === undefined ? 'medium' : doc.level;
  if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) refuse(`level "${String(level)}" is not one of ${LEVELS.join(', ')}`);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
  const author = typeof doc.author === 'string' ? doc.author : Array.isArray(doc.author) ? list(doc.author).join(', ') : 'unknown author';
  return {
    id: ruleId,
    ...(name ? { name } : {}),
    title,
    author,
    level: level as Level,
    ...(typeof doc.status === 'string' ? { status: doc.status } : {}),
    ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
    references: list(doc.references),
    tags: list(doc.tags),
    file,
  };
}

/** The values of the fields a rule names, for evidence. */
export function evidenceOf(rule: CompiledSigmaRule, record: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of rule.fields) {
    const found = lookupField(record, field);
    if (found.found) out[field] = found.values.length === 1 ? found.values[0] : found.values;
  }
  return out;
}
