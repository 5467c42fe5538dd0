/**
 * Wildcard matching (`*` any run, `?` one character) in linear time, with no
 * regular expression: patterns and values may come from audit logs, and a
 * regex built from `*****…z` backtracks exponentially.
 */

/**
 * The greedy wildcard loop, backtracking to the last `*` only (never
 * exponential), over any kind of pattern unit: `isAny(unit)` marks a `*`,
 * `accepts(unit, c)` says whether any other unit matches the character `c`.
 * {@link wildcardMatch} runs it on the characters of a plain pattern; the
 * Sigma matcher on its escaped tokens, with character sets.
 */
export function matchUnits<U>(units: ArrayLike<U>, value: ArrayLike<string>, isAny: (unit: U) => boolean, accepts: (unit: U, c: string) => boolean): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    const unit = p < units.length ? (units[p] as U) : undefined;
    if (unit !== undefined && isAny(unit)) {
      star = p;
      p += 1;
      mark = v;
    } else if (unit !== undefined && accepts(unit, value[v] as string)) {
      p += 1;
      v += 1;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      v = mark;
    } else {
      return false;
    }
  }
  while (p < units.length && isAny(units[p] as U)) p += 1;
  return p === units.length;
}

const isStar = (c: string) => c === '*';
const acceptsChar = (c: string, v: string) => c === '?' || c === v;

/**
 * True when `value` matches `pattern` as a whole (compare lower-cased for
 * case-insensitive). A `*` in the pattern is always a wildcard, also where
 * the value holds a literal `*`.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  return matchUnits(pattern, value, isStar, acceptsChar);
}
