/**
 * A case-insensitive search of a record's raw JSON bytes for any of a set of
 * ASCII literals: the byte prefilter of rules that cannot be indexed by
 * action. It answers "maybe" (true) whenever the bytes could hide a literal
 * from a plain search: a `\u` or `\/` escape, or a character whose
 * lower-case form is ASCII (`İ` → `i̇`, the Kelvin sign `K` → `k`).
 */

/** JSON escapes and non-ASCII characters that can spell an ASCII literal once decoded and lower-cased. */
const HIDING = ['\\\\u', '\\\\/', '\\xe2\\x84\\xaa', '\\xc4\\xb0'];

/**
 * The test for `literals` (lower-cased, `[a-z0-9._:/@-]` only): true when
 * `bytes[start, end)` holds one of them in any ASCII case, or something that
 * could hide one. One regular expression over the bytes read as Latin-1
 * (its case folding never maps a non-ASCII character to an ASCII one).
 */
export function rawLiteralTest(literals: readonly string[]): (bytes: Buffer, start: number, end: number) => boolean {
  for (const l of literals) {
    if (!/^[a-z0-9._:/@-]+$/.test(l)) throw new Error(`raw literal "${l}" is not lower-case plain ASCII`);
  }
  const re = new RegExp([...literals.map((l) => l.replace(/[.]/g, '\\.')), ...HIDING].join('|'), 'i');
  return (bytes, start, end) => re.test(bytes.toString('latin1', start, end));
}
