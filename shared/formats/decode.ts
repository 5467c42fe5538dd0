/**
 * Raw object bytes → a list of raw records and the format they are in.
 *
 * Gzip is recognised by its magic bytes, never by the key. CloudTrail digest
 * files and other non-log objects are reported as skipped, not as errors.
 */
import { tooLargeMessage } from '../lib/too-large.js';
import { gunzipSync } from 'node:zlib';
import { FormatError, describeError } from '../errors.js';
import type { Cloud } from '../types.js';
import { firstInvalidUtf8, groupDigits } from './bytes.js';
import { isRecord } from '../lib/guards.js';
import { CLOUD_FORMATS, recogniseRecord } from './registry.js';

/** A decoded object: its cloud and raw records, or why it was skipped. */
export type LogDocument =
  | {
      readonly kind: 'records';
      readonly cloud: Cloud;
      readonly records: readonly unknown[];
      /** Lines of a JSON Lines file that did not parse, with their index. */
      readonly badLines: readonly { readonly index: number; readonly reason: string }[];
      /** JSON Lines: the line index of each record (else records are numbered by position). */
      readonly indexes?: readonly number[];
    }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Limits applied while decoding. */
export interface DecodeOptions {
  /** Largest decompressed size accepted, in bytes. */
  readonly maxBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes start with the gzip magic number `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Why a key is not an audit log by its name alone, or `undefined`. */
export function skipReasonForKey(key: string): string | undefined {
  for (const format of CLOUD_FORMATS) {
    const reason = format.skipKey?.(key);
    if (reason) return reason;
  }
  if (key.endsWith('/')) return 'folder placeholder';
  return undefined;
}

/** Decompress (when gzip), decode UTF-8 and find the records in one object. */
export function decodeLogObject(
  bytes: Uint8Array,
  key: string,
  options: DecodeOptions,
): LogDocument {
  const skip = skipReasonForKey(key);
  if (skip) return { kind: 'skipped', reason: skip };
  const text = decodeText(inflate(bytes, key, options.maxBytes), key);
  const start = text.search(/\S/);
  if (start < 0) throw new FormatError(key, 'empty object');
  if (text[start] === '[') return fromArray(parseJson(text, key), key);
  if (text[start] !== '{') throw new FormatError(key, 'not JSON: does not start with { or [');
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return fromJsonLines(text, key);
  }
  return fromObject(whole, key);
}

function inflate(bytes: Uint8Array, key: string, maxBytes: number): Uint8Array {
  if (!isGzip(bytes)) {
    if (bytes.length > maxBytes) throw tooLarge(key, bytes.length, maxBytes);
    return bytes;
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(key, undefined, maxBytes);
    throw new FormatError(key, `invalid gzip data: ${describeError(error)}`, undefined, {
      cause: error,
    });
  }
}

function tooLarge(key: string, size: number | undefined, maxBytes: number): FormatError {
  return new FormatError(key, tooLargeMessage(maxBytes, size));
}

function decodeText(bytes: Uint8Array, key: string): string {
  try {
    const text = utf8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const at = firstInvalidUtf8(bytes);
    if (at < 0) throw new FormatError(key, `cannot decode the object as text: ${describeError(error)}`, undefined, { cause: error });
    throw new FormatError(key, `not valid UTF-8 text at byte ${groupDigits(at)}`, undefined, { cause: error });
  }
}

function parseJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FormatError(key, `invalid JSON: ${describeError(error)}`, undefined, { cause: error });
  }
}

/** A JSON array: Yandex events, or (rarely) bare CloudTrail records. */
function fromArray(value: unknown, key: string): LogDocument {
  if (!Array.isArray(value)) throw new FormatError(key, 'invalid JSON array');
  const cloud: Cloud = recogniseRecord(value.find(isRecord)).cloud;
  return { kind: 'records', cloud, records: value, badLines: [] };
}

/** A whole-document JSON object: CloudTrail `{"Records":[…]}`, a digest, or one Yandex event. */
function fromObject(value: unknown, key: string): LogDocument {
  if (!isRecord(value)) throw new FormatError(key, 'not a JSON object');
  for (const format of CLOUD_FORMATS) {
    const records = format.documentRecords?.(value);
    if (records) return { kind: 'records', cloud: format.cloud, records, badLines: [] };
  }
  for (const format of CLOUD_FORMATS) {
    const reason = format.skipDocument?.(value);
    if (reason) return { kind: 'skipped', reason };
  }
  const single = CLOUD_FORMATS.find((f) => f.singleEvent(value));
  if (single) return { kind: 'records', cloud: single.cloud, records: [value], badLines: [] };
  if ('Records' in value) throw new FormatError(key, 'Records is not an array');
  throw new FormatError(
    key,
    'not an audit log: expected CloudTrail {"Records":[…]} or Yandex Audit Trails events',
  );
}

/** JSON Lines: one event per line; a bad line is reported and the rest still count. */
function fromJsonLines(text: string, key: string): LogDocument {
  const records: unknown[] = [];
  const indexes: number[] = [];
  const badLines: { index: number; reason: string }[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]?.trim();
    if (!line) continue;
    try {
      records.push(JSON.parse(line));
      indexes.push(index);
    } catch (error) {
      badLines.push({ index, reason: `line ${index + 1}: invalid JSON: ${describeError(error)}` });
    }
  }
  if (records.length === 0) {
    throw new FormatError(key, `invalid JSON: ${badLines[0]?.reason ?? 'no records'}`);
  }
  const cloud: Cloud = recogniseRecord(records.find(isRecord)).cloud;
  return { kind: 'records', cloud, records, badLines, indexes };
}
