/**
 * Byte-level helpers of the parsers: where UTF-8 goes wrong, how sizes and
 * offsets read in messages, and the action of a record found in its bytes.
 */

/**
 * Index of the first byte that is not part of valid UTF-8 (overlong forms,
 * surrogates and code points above U+10FFFF are invalid), or -1. Only run on
 * a record already known to be invalid, to name the byte.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** `11264001` → `11 264 001`. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** A size for people: `300 MB`, `16 MiB` for exact binary multiples, else bytes. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  if (bytes >= 1e6) return `${Math.round(bytes / 1e5) / 10} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e2) / 10} kB`;
  return `${bytes} bytes`;
}

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Where the action key sits and which envelope keys a record must hold, as bytes. */
export interface ActionKey {
  /** `"eventName"` with its quotes. */
  readonly name: Buffer;
  /** Keys (with quotes) that must appear for the record to be skipped unparsed. */
  readonly envelope: readonly Buffer[];
}

/**
 * The action of a record read from its bytes when it is unambiguous: the key
 * appears exactly once, followed by `:` and a string without escapes, and
 * every envelope key is present. `undefined` means "parse it to know".
 */
export function actionInBytes(bytes: Buffer, key: ActionKey): string | undefined {
  const at = bytes.indexOf(key.name);
  if (at < 0) return undefined;
  let i = at + key.name.length;
  while (isSpace(bytes[i])) i += 1;
  if (bytes[i] !== 0x3a) return undefined;
  i += 1;
  while (isSpace(bytes[i])) i += 1;
  if (bytes[i] !== 0x22) return undefined;
  const start = i + 1;
  const end = bytes.indexOf(0x22, start);
  if (end < 0) return undefined;
  for (let j = start; j < end; j++) if (bytes[j] === 0x5c) return undefined;
  if (bytes.indexOf(key.name, end) >= 0) return undefined;
  for (const k of key.envelope) if (bytes.indexOf(k) < 0) return undefined;
  return bytes.toString('utf8', start, end);
}
