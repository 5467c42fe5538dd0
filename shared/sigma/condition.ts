/**
 * The Sigma condition grammar: `or` < `and` < `not` < `x of pattern` <
 * parentheses, identifiers and `*` patterns over search identifiers. The
 * deprecated Sigma 1 aggregation (`| count()`, `| near`) is refused.
 */
import { refuse } from './refusal.js';

/** A parsed condition. */
export type Condition =
  | { readonly op: 'and' | 'or'; readonly items: readonly Condition[] }
  | { readonly op: 'not'; readonly item: Condition }
  | { readonly op: 'ref'; readonly name: string }
  | { readonly op: 'of'; readonly count: number | 'all'; readonly names: readonly string[] };

type Token = { readonly kind: 'word' | '(' | ')'; readonly text: string };

function tokenize(text: string): Token[] {
  if (/\|/.test(text)) {
    const what = /\|\s*near\b/.test(text) ? '| near' : /\|\s*count\s*\(/.test(text) ? '| count()' : '| aggregation';
    refuse(`condition "${text}": the Sigma 1 ${what} expression is deprecated and not supported; write a Sigma 2 correlation rule instead`);
  }
  const tokens: Token[] = [];
  const re = /\s*(\(|\)|[^\s()]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < text.length && (m = re.exec(text)) !== null) {
    at = re.lastIndex;
    const t = m[1] as string;
    tokens.push(t === '(' || t === ')' ? { kind: t, text: t } : { kind: 'word', text: t });
  }
  if (text.slice(at).trim() !== '') refuse(`condition "${text}": cannot read "${text.slice(at).trim()}"`);
  return tokens;
}

/** Parse `text` over the rule's search identifiers. */
export function parseCondition(text: string, identifiers: readonly string[]): Condition {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const word = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toLowerCase() === w;
  const fail = (why: string): never => refuse(`condition "${text}": ${why}`);

  const parseOr = (): Condition => {
    const items = [parseAnd()];
    while (word(peek(), 'or')) { pos += 1; items.push(parseAnd()); }
    return items.length === 1 ? (items[0] as Condition) : { op: 'or', items };
  };
  const parseAnd = (): Condition => {
    const items = [parseNot()];
    while (word(peek(), 'and')) { pos += 1; items.push(parseNot()); }
    return items.length === 1 ? (items[0] as Condition) : { op: 'and', items };
  };
  const parseNot = (): Condition => {
    if (word(peek(), 'not')) { pos += 1; return { op: 'not', item: parseNot() }; }
    return parseAtom();
  };
  const parseAtom = (): Condition => {
    const t = peek();
    if (!t) return fail('ends too early');
    if (t.kind === '(') {
      pos += 1;
      const inner = parseOr();
      if (peek()?.kind !== ')') fail('missing ")"');
      pos += 1;
      return inner;
    }
    if (t.kind === ')') return fail('unexpected ")"');
    const lower = t.text.toLowerCase();
    if (['and', 'or', 'of', 'them'].includes(lower)) return fail(`unexpected "${t.text}"`);
    if (word(tokens[pos + 1], 'of')) {
      const count = lower === 'all' ? 'all' : /^\d+$/.test(lower) && Number(lower) >= 1 ? Number(lower) : fail(`"${t.text} of": use "1 of" or "all of"`);
      const target = tokens[pos + 2];
      if (target?.kind !== 'word') return fail(`"${t.text} of" needs an identifier pattern or "them"`);
      pos += 3;
      const names = target.text.toLowerCase() === 'them'
        ? identifiers.filter((n) => !n.startsWith('_'))
        : identifiers.filter((n) => globMatch(target.text, n) && (!n.startsWith('_') || target.text.startsWith('_')));
      if (names.length === 0) fail(`"${target.text}" matches no search identifier`);
      return { op: 'of', count, names };
    }
    pos += 1;
    if (!identifiers.includes(t.text)) fail(`"${t.text}" is not a search identifier of this rule`);
    return { op: 'ref', name: t.text };
  };

  const result = parseOr();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos]?.text}"`);
  return result;
}

/** `*`-only glob over identifier names (case-sensitive, as identifiers are). */
function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}

/** Evaluate a condition with a function that tells whether an identifier matched. */
export function evaluateCondition(c: Condition, hit: (name: string) => boolean): boolean {
  switch (c.op) {
    case 'ref': return hit(c.name);
    case 'not': return !evaluateCondition(c.item, hit);
    case 'and': return c.items.every((i) => evaluateCondition(i, hit));
    case 'or': return c.items.some((i) => evaluateCondition(i, hit));
    case 'of': {
      if (c.count === 'all') return c.names.every(hit);
      let n = 0;
      for (const name of c.names) if (hit(name) && ++n >= (c.count as number)) return true;
      return false;
    }
  }
}

/** Identifiers the condition can match on positively (not under a `not`). */
export function positiveRefs(c: Condition, out: Set<string> = new Set()): Set<string> {
  if (c.op === 'ref') out.add(c.name);
  else if (c.op === 'of') for (const n of c.names) out.add(n);
  else if (c.op === 'and' || c.op === 'or') for (const i of c.items) positiveRefs(i, out);
  return out;
}
