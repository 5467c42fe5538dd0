/**
 * Raw-text literals of Sigma values: lower-cased ASCII fragments of which a
 * value's text must contain at least one for the value to match. They feed
 * the raw-byte prefilter of rules that cannot be indexed by action: a record
 * whose JSON text (escapes decoded, lower-cased) holds none of a rule's
 * literals cannot match it, so it need not be parsed.
 *
 * Only fragments of `[a-z0-9._:/@-]` of at least 3 characters are used, and
 * none that a number's text could spell (`String(1e2)` is `100`, not the
 * `1e2` of the raw text; `1e400` reads as `Infinity`).
 */
import type { PatternToken } from './pattern.js';

/** Shortest literal worth a search. */
export const MIN_LITERAL = 3;

const PLAIN = /^[a-z0-9._:/@-]$/;
const NUMBERISH = /^[0-9.e+-]*$/;

/** A literal is usable when a number's text can never hold it. */
function usable(fragment: string): boolean {
  return fragment.length >= MIN_LITERAL && !NUMBERISH.test(fragment) && !'infinity'.includes(fragment);
}

/** The longest usable plain run in `text` (lower-cased), or `undefined`. */
export function bestRun(text: string): string | undefined {
  let best: string | undefined;
  let run = '';
  const close = () => {
    if (usable(run) && (best === undefined || run.length > best.length)) best = run;
    run = '';
  };
  for (const c of text.toLowerCase()) {
    if (PLAIN.test(c)) run += c;
    else close();
  }
  close();
  return best;
}

/** The best literal that every match of a pattern's tokens contains, or `undefined`. */
export function literalOfTokens(tokens: readonly PatternToken[]): string | undefined {
  let best: string | undefined;
  for (const t of tokens) {
    if (t.kind !== 'lit') continue;
    const run = bestRun(t.text);
    if (run !== undefined && (best === undefined || run.length > best.length)) best = run;
  }
  return best;
}

/**
 * The best literal every match of a JavaScript regular expression (no `u`
 * flag) contains, or `undefined` when none is certain. Only characters at
 * the top level count (not in groups, classes or lookarounds), none when the
 * top level has an alternation, and a character followed by a quantifier is
 * dropped (it may occur zero times).
 */
export function literalOfRegex(source: string): string | undefined {
  const runs: string[] = [];
  let run = '';
  const cut = () => {
    runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      // `\x41`, `\u0041`, `\cJ`, `\1`, `\k<n>`: what follows the letter is not literal text.
      cut();
      const kind = source[i + 1] ?? '';
      i += 2;
      if (/^[xuckpP0-9]$/.test(kind)) while (i < source.length && /^[0-9A-Za-z{}<>_]$/.test(source[i] as string)) i += 1;
    } else if (c === '[') {
      cut();
      i = skipClass(source, i);
    } else if (c === '(') {
      cut();
      const end = skipGroup(source, i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '|') {
      return undefined;
    } else if (c === '*' || c === '?' || c === '+' || c === '{') {
      run = run.slice(0, -1);
      cut();
      i += 1;
    } else {
      if (/^[a-zA-Z0-9_:/@-]$/.test(c)) run += c;
      else cut();
      i += 1;
    }
  }
  cut();
  let best: string | undefined;
  for (const r of runs) {
    const l = bestRun(r);
    if (l !== undefined && (best === undefined || l.length > best.length)) best = l;
  }
  return best;
}

/** Index after the `]` closing the class that opens at `at`. */
function skipClass(source: string, at: number): number {
  let i = at + 1;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source[i] === ']') return i + 1;
    else i += 1;
  }
  return i;
}

/** Index after the `)` closing the group that opens at `at`, or -1 when unbalanced. */
function skipGroup(source: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') i += 2;
    else if (c === '[') i = skipClass(source, i);
    else {
      if (c === '(') depth += 1;
      else if (c === ')') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
  }
  return -1;
}

/**
 * Alternatives: a set of literals of which one must occur. `undefined`
 * means "no literal is certain".
 */
export type Literals = readonly string[] | undefined;

/** OR: one side matches, so the union; nothing certain when any side has nothing. */
export function anyOf(sides: readonly Literals[]): Literals {
  if (sides.length === 0 || sides.some((s) => s === undefined)) return undefined;
  return [...new Set(sides.flatMap((s) => s as readonly string[]))];
}

/** AND: every side matches, so any one side's literals will do; the cheapest is kept. */
export function allOf(sides: readonly Literals[]): Literals {
  let best: Literals;
  for (const s of sides) if (s !== undefined && (best === undefined || cheaper(s, best))) best = s;
  return best;
}

/** Fewer alternatives first, then longer shortest literal. */
function cheaper(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  const shortest = (x: readonly string[]) => Math.min(...x.map((s) => s.length));
  return shortest(a) > shortest(b);
}
