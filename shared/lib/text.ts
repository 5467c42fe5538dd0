/**
 * One neutraliser for every text that leaves the process for a person: a
 * terminal, stderr, a Telegram message, an email. Values from audit logs are
 * attacker-controlled; a control character, a bidi override or a Unicode line
 * separator in them could move the cursor, recolour a line, reorder what is
 * read or start a fake line. Each such character becomes visible text
 * (`\u001b`, `\r`, `\u202e`), so a reader sees that something was there.
 */

/**
 * Characters that can forge output: C0 controls (tab, CR and LF included),
 * DEL, C1 controls, the bidi marks, embeddings, overrides and isolates
 * (U+200E/F, U+202A–202E, U+2066–2069, U+061C), and the Unicode line and
 * paragraph separators U+2028/U+2029.
 */
export const UNSAFE_CHARACTERS =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\uXXXX` for one character (a valid JSON escape too). */
function codeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Make one value safe to show on a single line: every character of
 * {@link UNSAFE_CHARACTERS} becomes visible text (`\n`, `\r`, `\t`, else
 * `\uXXXX`), then the result is cut to `maxLength` with `…`, never between
 * the two halves of a surrogate pair. Templates add their own line breaks
 * after neutralising the values they hold.
 *
 * @example
 * neutralize('ok\u001b[31mred\r\u2028x'); // 'ok\\u001b[31mred\\r\\u2028x'
 * @param value - untrusted text
 * @param maxLength - longest result, `…` included @default Infinity
 */
export function neutralize(value: string, maxLength = Number.POSITIVE_INFINITY): string {
  const cleaned = value.replace(UNSAFE_CHARACTERS, (c) => SHORT[c] ?? codeEscape(c));
  if (cleaned.length <= maxLength) return cleaned;
  if (maxLength < 1) return '';
  // Never cut between the two halves of a surrogate pair (an emoji).
  const end = /[\ud800-\udbff]/.test(cleaned.charAt(maxLength - 2)) ? maxLength - 2 : maxLength - 1;
  return `${cleaned.slice(0, end)}…`;
}

/**
 * Escape, inside a serialised JSON text, the characters `JSON.stringify`
 * leaves raw (DEL, C1, bidi, U+2028/U+2029, U+061C) as `\uXXXX`: the line
 * still parses to the same value, and shows nothing a terminal acts on.
 *
 * @param json - output of `JSON.stringify` (C0 controls are already escaped)
 */
export function escapeJsonUnsafe(json: string): string {
  return json.replace(UNSAFE_CHARACTERS, codeEscape);
}
