/**
 * One `field|modifier|...: value(s)` item of a selection, compiled into a
 * test on a raw record. Values compare case-insensitively as strings unless
 * `cased`; lists are OR unless `all`; `null` means absent or JSON null.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { parseCidr } from '../rules/lib/cidr.js';
import { DASHES, type Encodable, base64, base64Offsets, utf16be, utf16bom, utf16le } from './encode.js';
import { type FieldValues, lookupField, scalarLeaves } from './fields.js';
import { isRecord as isObject } from '../lib/guards.js';
import { type Pattern, type PatternToken, literalTokens, makePattern, matchPattern, tokenize } from './pattern.js';
import { type Literals, allOf, anyOf, literalOfRegex, literalOfTokens } from './literals.js';
import { refuse } from './refusal.js';

/** A compiled field item. */
export interface FieldTest {
  /** The field name, or `undefined` for a keyword (whole-record) search. */
  readonly field: string | undefined;
  /** Exact, case-insensitive values when the item pins the field to a finite set; else `undefined`. */
  readonly exactValues: readonly string[] | undefined;
  /** Lower-cased literal prefixes when the item is a plain `startswith` over a finite set. */
  readonly prefixValues?: readonly string[];
  /**
   * Lower-cased ASCII literals of which the JSON text of any record this item
   * accepts holds one (escapes decoded, lower-cased); `undefined`: none is certain.
   */
  readonly literals?: readonly string[];
  test(record: unknown): boolean;
}

const TIME_PARTS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
type TimePart = (typeof TIME_PARTS)[number];
const COMPARE = ['lt', 'lte', 'gt', 'gte'] as const;
type Compare = (typeof COMPARE)[number];
type Encoder = 'base64' | 'base64offset' | 'utf16le' | 'utf16be' | 'utf16' | 'windash';

interface Modifiers {
  position: 'exact' | 'contains' | 'startswith' | 'endswith';
  all: boolean;
  cased: boolean;
  re: boolean;
  reFlags: string;
  cidr: boolean;
  exists: boolean;
  fieldref: boolean;
  neq: boolean;
  compare: Compare | undefined;
  time: TimePart | undefined;
  encoders: Encoder[];
}

/** Parse the `|`-separated modifiers of a key; refuses what is not supported. */
function parseModifiers(names: readonly string[], key: string): Modifiers {
  const m: Modifiers = {
    position: 'exact', all: false, cased: false, re: false, reFlags: '', cidr: false, exists: false,
    fieldref: false, neq: false, compare: undefined, time: undefined, encoders: [],
  };
  for (const raw of names) {
    const name = raw.trim();
    switch (name) {
      case 'contains':
      case 'startswith':
      case 'endswith':
        m.position = name;
        break;
      case 'all': m.all = true; break;
      case 'cased': m.cased = true; break;
      case 're': m.re = true; break;
      case 'i': case 'm': case 's':
        if (!m.re) refuse(`"${key}": the ${name} modifier applies only after re`);
        m.reFlags += name;
        break;
      case 'cidr': m.cidr = true; break;
      case 'exists': m.exists = true; break;
      case 'fieldref': m.fieldref = true; break;
      case 'neq': m.neq = true; break;
      case 'base64': case 'base64offset': case 'utf16le': case 'utf16be': case 'utf16': case 'windash':
        m.encoders.push(name);
        break;
      case 'wide': m.encoders.push('utf16le'); break;
      case 'expand':
        refuse(`"${key}": the expand modifier (placeholders such as %Administrators%) is not supported: replace the placeholder with the values`);
        break;
      default:
        if ((COMPARE as readonly string[]).includes(name)) m.compare = name as Compare;
        else if ((TIME_PARTS as readonly string[]).includes(name)) m.time = name as TimePart;
        else refuse(`"${key}": unknown modifier "${name}"`);
    }
  }
  return m;
}

/** Compile `key: value` where key is `field|mod|...` (field may be empty for keywords). */
export function compileFieldItem(key: string, value: unknown): FieldTest {
  const [fieldName = '', ...modNames] = key.split('|');
  const field = fieldName === '' ? undefined : fieldName;
  const mods = parseModifiers(modNames, key);
  const values = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) refuse(`"${key}": empty list of values`);
  for (const v of values) {
    if (v !== null && typeof v === 'object') refuse(`"${key}": a value must be a string, number, boolean or null, not ${Array.isArray(v) ? 'a list' : 'a map'}`);
  }
  if (mods.exists) return existsTest(field, key, values);
  if (field === undefined) return withLiterals(keywordTest(key, values, mods), literalsOf(values, mods));
  const hasNull = values.some((v) => v === null);
  if (hasNull) {
    if (values.length > 1) refuse(`"${key}": null cannot be part of a list of values; give it its own selection`);
    if (modNames.length > 0) refuse(`"${key}": null takes no modifiers`);
    return { field, exactValues: undefined, test: (r) => { const f = lookupField(r, field); return !f.found || f.values.every((x) => x === null); } };
  }
  const leafTests = values.map((v) => compileValue(v, mods, key));
  const combine = (f: FieldValues, record: unknown) => {
    const one = (t: LeafTest) => t(f, record);
    return mods.all ? leafTests.every(one) : leafTests.some(one);
  };
  const test = mods.neq
    ? (record: unknown) => { const f = lookupField(record, field); return f.found && f.values.some((x) => x !== null) && !combine(f, record); }
    : (record: unknown) => combine(lookupField(record, field), record);
  const plain = !mods.neq && !mods.re && !mods.cidr && !mods.fieldref && !mods.compare && !mods.time && mods.encoders.length === 0 && mods.position === 'exact' && !(mods.all && values.length > 1);
  const literal = values.every((v) => typeof v === 'string' && !/[*?\\]/.test(v));
  const exactValues = plain && literal ? values.map((v) => String(v).toLowerCase()) : undefined;
  const prefixPlain = !mods.neq && !mods.re && !mods.cidr && !mods.fieldref && !mods.compare && !mods.time && mods.encoders.length === 0 && mods.position === 'startswith' && !(mods.all && values.length > 1);
  const prefixValues = prefixPlain && literal ? values.map((v) => String(v).toLowerCase()) : undefined;
  const literals = literalsOf(values, mods);
  return { field, exactValues, ...(prefixValues ? { prefixValues } : {}), ...(literals ? { literals } : {}), test };
}

function withLiterals(test: FieldTest, literals: Literals): FieldTest {
  return literals ? { ...test, literals } : test;
}

/** The literals of an item's values (see {@link FieldTest.literals}); only plain text and regex matches have them. */
function literalsOf(values: readonly unknown[], mods: Modifiers): Literals {
  if (mods.neq || mods.cidr || mods.fieldref || mods.compare || mods.time || mods.encoders.length > 0) return undefined;
  const one = (v: unknown): Literals => {
    if (typeof v !== 'string' && typeof v !== 'boolean') return undefined;
    const l = mods.re ? (typeof v === 'string' ? literalOfRegex(v) : undefined) : literalOfTokens(tokenize(String(v)));
    return l === undefined ? undefined : [l];
  };
  const each = values.map(one);
  return mods.all ? allOf(each) : anyOf(each);
}

type LeafTest = (f: FieldValues, record: unknown) => boolean;

function existsTest(field: string | undefined, key: string, values: readonly unknown[]): FieldTest {
  if (field === undefined) refuse(`"${key}": exists needs a field name`);
  const want = values[0];
  if (values.length !== 1 || typeof want !== 'boolean') refuse(`"${key}": exists takes true or false`);
  return { field, exactValues: undefined, test: (r) => lookupField(r, field).found === want };
}

/** Compile one rule value into a test over the field's values. */
function compileValue(value: unknown, mods: Modifiers, key: string): LeafTest {
  if (mods.compare || mods.time) return numericTest(value, mods, key);
  if (mods.fieldref) return fieldrefTest(value, mods, key);
  if (mods.re) return regexTest(value, mods, key);
  if (mods.cidr) return cidrTest(value, key);
  const patterns = stringPatterns(value, mods, key);
  return (f) => f.values.some((leaf) => leafMatches(leaf, patterns));
}

/** Text patterns of a value after the encoding and position modifiers. */
function stringPatterns(value: unknown, mods: Modifiers, key: string): Pattern[] {
  const text = typeof value === 'string' ? value : String(value);
  let forms: { value: Encodable; literal: boolean }[] = [{ value: text, literal: false }];
  let cased = mods.cased;
  const dashSets: boolean[] = [];
  for (const enc of mods.encoders) {
    forms = forms.flatMap((form) => {
      const s = typeof form.value === 'string' ? form.value : undefined;
      switch (enc) {
        case 'utf16le': return [{ value: utf16le(stringOf(form.value, key, enc)), literal: true }];
        case 'utf16be': return [{ value: utf16be(stringOf(form.value, key, enc)), literal: true }];
        case 'utf16': return [{ value: utf16bom(stringOf(form.value, key, enc)), literal: true }];
        case 'base64': cased = true; return [{ value: base64(form.value), literal: true }];
        case 'base64offset': cased = true; return base64Offsets(form.value).map((v) => ({ value: v, literal: true }));
        case 'windash':
          if (s === undefined) refuse(`"${key}": windash applies to text, not encoded bytes`);
          dashSets.push(true);
          return [form];
        default:
          return [form];
      }
    });
  }
  return forms.map((form) => {
    const s = typeof form.value === 'string' ? form.value : Buffer.from(form.value).toString('latin1');
    let tokens: PatternToken[] = form.literal ? literalTokens(s) : tokenize(s);
    if (dashSets.length > 0) tokens = windash(tokens);
    if (mods.position === 'contains' || mods.position === 'endswith') tokens = [{ kind: 'any' }, ...tokens];
    if (mods.position === 'contains' || mods.position === 'startswith') tokens = [...tokens, { kind: 'any' }];
    return makePattern(tokens, cased);
  });
}

function stringOf(value: Encodable, key: string, enc: string): string {
  if (typeof value !== 'string') refuse(`"${key}": ${enc} must come before base64 modifiers`);
  return value;
}

function windash(tokens: readonly PatternToken[]): PatternToken[] {
  const out: PatternToken[] = [];
  for (const t of tokens) {
    if (t.kind !== 'lit') { out.push(t); continue; }
    let text = '';
    for (const c of t.text) {
      if (DASHES.includes(c)) {
        if (text) out.push({ kind: 'lit', text });
        text = '';
        out.push({ kind: 'set', chars: DASHES });
      } else text += c;
    }
    if (text) out.push({ kind: 'lit', text });
  }
  return out;
}

/** A record value against string patterns: scalars as their text; objects by any scalar leaf. */
function leafMatches(leaf: unknown, patterns: readonly Pattern[]): boolean {
  if (leaf === null || leaf === undefined) return false;
  if (isObject(leaf)) return scalarLeaves(leaf).some((s) => patterns.some((p) => matchPattern(p, String(s))));
  const text = String(leaf);
  return patterns.some((p) => matchPattern(p, text));
}

function regexTest(value: unknown, mods: Modifiers, key: string): LeafTest {
  if (typeof value !== 'string') refuse(`"${key}": re needs a string pattern`);
  let re: RegExp;
  try {
    re = new RegExp(searchForm(value, mods.reFlags.includes('s')), [...new Set(mods.reFlags)].join(''));
  } catch (error) {
    refuse(`"${key}": invalid regular expression: ${(error as Error).message}`);
  }
  const one = (s: string) => { re.lastIndex = 0; return re.test(s); };
  return (f) => f.values.some((leaf) => {
    if (leaf === null || leaf === undefined) return false;
    if (isObject(leaf)) return scalarLeaves(leaf).some((s) => one(String(s)));
    return one(String(leaf));
  });
}

/**
 * The same search without the leading / trailing `.*` / `.+` that make a
 * backtracking engine quadratic on long values (`.+:assumed-role/.+`): for a
 * search (not a whole-value match) `.*X` finds what `X` finds and `.+X`
 * what `(?<=.)X` finds. Left alone when the pattern has alternation.
 */
export function searchForm(pattern: string, dotAll: boolean): string {
  if (pattern.includes('|')) return pattern;
  const any = dotAll ? '[\\s\\S]' : '.';
  let p = pattern;
  const lead = /^\.([*+])(?![*+?{])/.exec(p);
  if (lead) p = (lead[1] === '+' ? `(?<=${any})` : '') + p.slice(2);
  const trail = /(^|[^\\])\.([*+])$/.exec(p);
  if (trail && !/\\(\\\\)*\.[*+]$/.test(p)) p = p.slice(0, -2) + (trail[2] === '+' ? `(?=${any})` : '');
  return p;
}

function cidrTest(value: unknown, key: string): LeafTest {
  const cidr = parseCidr(value);
  if (!cidr) refuse(`"${key}": "${String(value)}" is not a CIDR block`);
  const list = new BlockList();
  const [address = ''] = cidr.text.split('/');
  list.addSubnet(address, cidr.prefix, cidr.family === 4 ? 'ipv4' : 'ipv6');
  return (f) => f.values.some((leaf) => {
    if (typeof leaf !== 'string') return false;
    const ip = leaf.trim();
    if (cidr.family === 4 ? !isIPv4(ip) : !isIPv6(ip)) return false;
    return list.check(ip, cidr.family === 4 ? 'ipv4' : 'ipv6');
  });
}

function fieldrefTest(value: unknown, mods: Modifiers, key: string): LeafTest {
  if (typeof value !== 'string' || value === '') refuse(`"${key}": fieldref needs a field name`);
  return (f, record) => {
    const other = lookupField(record, value);
    if (!other.found) return false;
    const patterns = other.values.filter((v) => v !== null && !isObject(v)).map((v) => {
      let tokens: PatternToken[] = literalTokens(String(v));
      if (mods.position === 'contains' || mods.position === 'endswith') tokens = [{ kind: 'any' }, ...tokens];
      if (mods.position === 'contains' || mods.position === 'startswith') tokens = [...tokens, { kind: 'any' }];
      return makePattern(tokens, mods.cased);
    });
    return patterns.length > 0 && f.values.some((leaf) => leafMatches(leaf, patterns));
  };
}

function numericTest(value: unknown, mods: Modifiers, key: string): LeafTest {
  const want = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(want)) refuse(`"${key}": ${mods.compare ?? mods.time} needs a number, got "${String(value)}"`);
  const part = mods.time;
  const op = mods.compare;
  const check = (n: number) => {
    switch (op) {
      case 'lt': return n < want;
      case 'lte': return n <= want;
      case 'gt': return n > want;
      case 'gte': return n >= want;
      default: return n === want;
    }
  };
  return (f) => f.values.some((leaf) => {
    const n = part ? timePart(leaf, part) : toNumber(leaf);
    return n !== undefined && check(n);
  });
}

function toNumber(leaf: unknown): number | undefined {
  if (typeof leaf === 'number') return leaf;
  if (typeof leaf === 'string' && leaf.trim() !== '') {
    const n = Number(leaf);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function timePart(leaf: unknown, part: TimePart): number | undefined {
  if (typeof leaf !== 'string' && typeof leaf !== 'number') return undefined;
  const d = new Date(leaf);
  if (Number.isNaN(d.getTime())) return undefined;
  switch (part) {
    case 'minute': return d.getUTCMinutes();
    case 'hour': return d.getUTCHours();
    case 'day': return d.getUTCDate();
    case 'month': return d.getUTCMonth() + 1;
    case 'year': return d.getUTCFullYear();
    case 'week': {
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const day = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - day);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
    }
  }
}

/** Keyword search: the values anywhere in the record's scalar leaves (as `contains`). */
function keywordTest(key: string, values: readonly unknown[], mods: Modifiers): FieldTest {
  const position = mods.position === 'exact' ? 'contains' : mods.position;
  if (mods.re) {
    const t = values.map((v) => regexTest(v, mods, key));
    return { field: undefined, exactValues: undefined, test: (r) => { const f = { found: true, values: [r] }; return mods.all ? t.every((x) => x(f, r)) : t.some((x) => x(f, r)); } };
  }
  const sets = values.map((v) => stringPatterns(v, { ...mods, position }, key));
  return {
    field: undefined,
    exactValues: undefined,
    test(record) {
      const leaves = scalarLeaves(record).map(String);
      const one = (ps: Pattern[]) => leaves.some((s) => ps.some((p) => matchPattern(p, s)));
      return mods.all ? sets.every(one) : sets.some(one);
    },
  };
}
