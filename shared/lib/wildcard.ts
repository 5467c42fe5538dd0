/**
 * Wildcard matching (`*` any run, `?` one character) in linear time, with no
 * regular expression: patterns and values may come from audit logs, and a
 * regex built from `*****…z` backtracks exponentially.
 */

/** True when `value` matches `pattern` as a whole (compare lower-cased for case-insensitive). */
export function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p += 1;
      v += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      p += 1;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      v = mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
