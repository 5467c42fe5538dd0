/**
 * The encoding modifiers: `base64`, `base64offset`, `utf16le` / `wide`,
 * `utf16be`, `utf16`, and `windash` (dash characters made interchangeable).
 */

/** A value on its way through transformation modifiers: text, or bytes after a utf16 modifier. */
export type Encodable = string | Uint8Array;

function bytes(value: Encodable): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

/** UTF-16 little-endian bytes. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[i * 2] = code & 0xff;
    out[i * 2 + 1] = code >> 8;
  }
  return out;
}

/** UTF-16 big-endian bytes. */
export function utf16be(text: string): Uint8Array {
  const le = utf16le(text);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1] as number;
    out[i + 1] = le[i] as number;
  }
  return out;
}

/** UTF-16 with a little-endian byte order mark. */
export function utf16bom(text: string): Uint8Array {
  return new Uint8Array([0xff, 0xfe, ...utf16le(text)]);
}

/** Plain base64 of the value. */
export function base64(value: Encodable): string {
  return Buffer.from(bytes(value)).toString('base64');
}

/**
 * The three base64 forms of a value found at byte offsets 0, 1 and 2 of a
 * longer encoded text: only the characters that do not depend on the
 * neighbouring bytes are kept.
 */
export function base64Offsets(value: Encodable): string[] {
  const raw = bytes(value);
  const out: string[] = [];
  const startCut = [0, 2, 3];
  const endCut = [0, 3, 2];
  for (let shift = 0; shift < 3; shift += 1) {
    const padded = new Uint8Array(shift + raw.length);
    padded.fill(0x20, 0, shift);
    padded.set(raw, shift);
    const encoded = Buffer.from(padded).toString('base64');
    const cut = endCut[(raw.length + shift) % 3] as number;
    out.push(encoded.slice(startCut[shift] as number, cut ? encoded.length - cut : encoded.length));
  }
  return out;
}

/** The characters `windash` makes interchangeable. */
export const DASHES: readonly string[] = ['-', '/', '\u2013', '\u2014', '\u2015'];
