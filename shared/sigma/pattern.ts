/**
 * Sigma string patterns: `*` (any run), `?` (one character) and `\` escapes
 * as the specification defines them, matched in linear time without a
 * regular expression (rules and values may both be hostile).
 */
import { matchUnits } from '../lib/wildcard.js';

/** One position of a pattern: a literal, a set of literals, `?` or `*`. */
export type PatternToken =
  | { readonly kind: 'lit'; readonly text: string }
  | { readonly kind: 'set'; readonly chars: readonly string[] }
  | { readonly kind: 'one' }
  | { readonly kind: 'any' };

/** A compiled pattern; compare with {@link matchPattern}. */
export interface Pattern {
  readonly tokens: readonly PatternToken[];
  readonly cased: boolean;
  /** Fast paths: the literal text when the pattern is one literal, a prefix, a suffix or an infix. */
  readonly shape: 'exact' | 'prefix' | 'suffix' | 'infix' | 'general';
  readonly literal: string;
}

/**
 * Split a Sigma value into tokens. Escapes: `\*` and `\?` are literal, `\\`
 * is one backslash, a backslash before anything else stays a backslash.
 */
export function tokenize(value: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'lit', text });
    text = '';
  };
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i] as string;
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i += 1;
      } else {
        text += '\\';
      }
    } else if (c === '*') {
      flush();
      if (tokens.at(-1)?.kind !== 'any') tokens.push({ kind: 'any' });
    } else if (c === '?') {
      flush();
      tokens.push({ kind: 'one' });
    } else {
      text += c;
    }
  }
  flush();
  return tokens;
}

/** Literal text as tokens (no wildcards). */
export function literalTokens(text: string): PatternToken[] {
  return text ? [{ kind: 'lit', text }] : [];
}

/** Build a pattern from tokens; literals are lower-cased unless `cased`. */
export function makePattern(tokens: readonly PatternToken[], cased: boolean): Pattern {
  const norm = tokens.map((t): PatternToken => {
    if (cased) return t;
    if (t.kind === 'lit') return { kind: 'lit', text: t.text.toLowerCase() };
    if (t.kind === 'set') return { kind: 'set', chars: t.chars.map((c) => c.toLowerCase()) };
    return t;
  });
  const merged: PatternToken[] = [];
  for (const t of norm) {
    const last = merged.at(-1);
    if (t.kind === 'lit' && last?.kind === 'lit') merged[merged.length - 1] = { kind: 'lit', text: last.text + t.text };
    else if (!(t.kind === 'any' && last?.kind === 'any')) merged.push(t);
  }
  const kinds = merged.map((t) => t.kind).join(',');
  const lit = (i: number) => {
    const t = merged[i];
    return t?.kind === 'lit' ? t.text : '';
  };
  if (kinds === 'lit' || kinds === '') return { tokens: merged, cased, shape: 'exact', literal: lit(0) };
  if (kinds === 'lit,any') return { tokens: merged, cased, shape: 'prefix', literal: lit(0) };
  if (kinds === 'any,lit') return { tokens: merged, cased, shape: 'suffix', literal: lit(1) };
  if (kinds === 'any,lit,any') return { tokens: merged, cased, shape: 'infix', literal: lit(1) };
  if (kinds === 'any') return { tokens: merged, cased, shape: 'prefix', literal: '' };
  return { tokens: merged, cased, shape: 'general', literal: '' };
}

/** True when the whole `value` matches. */
export function matchPattern(pattern: Pattern, value: string): boolean {
  const v = pattern.cased ? value : value.toLowerCase();
  switch (pattern.shape) {
    case 'exact':
      return v === pattern.literal;
    case 'prefix':
      return v.startsWith(pattern.literal);
    case 'suffix':
      return v.endsWith(pattern.literal);
    case 'infix':
      return v.includes(pattern.literal);
    default:
      return matchGeneral(expand(pattern.tokens), v);
  }
}

type Unit = { readonly kind: 'char'; readonly c: string } | { readonly kind: 'set'; readonly chars: readonly string[] } | { readonly kind: 'one' } | { readonly kind: 'any' };

const expanded = new WeakMap<readonly PatternToken[], readonly Unit[]>();

function expand(tokens: readonly PatternToken[]): readonly Unit[] {
  const cached = expanded.get(tokens);
  if (cached) return cached;
  const units: Unit[] = [];
  for (const t of tokens) {
    if (t.kind === 'lit') for (const c of t.text) units.push({ kind: 'char', c });
    else units.push(t);
  }
  expanded.set(tokens, units);
  return units;
}

function unitMatches(unit: Unit, c: string): boolean {
  if (unit.kind === 'one') return true;
  if (unit.kind === 'char') return unit.c === c;
  if (unit.kind === 'set') return unit.chars.includes(c);
  return false;
}

const isAny = (unit: Unit) => unit.kind === 'any';

/** The shared wildcard loop over code points (a `?` is one character, not one UTF-16 unit). */
function matchGeneral(units: readonly Unit[], value: string): boolean {
  return matchUnits(units, Array.from(value), isAny, unitMatches);
}
