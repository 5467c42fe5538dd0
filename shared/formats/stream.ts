/**
 * Streaming parse of one log object: gunzip by magic bytes and split the
 * records array in the decompressed bytes as they arrive, so a 130 MB
 * CloudTrail file never sits in memory whole and records no rule wants are
 * never decoded to text. Documents of other shapes (digest files, JSON
 * Lines, single events) go through the in-memory decoder.
 *
 * Bounds: at most 1 MiB is read before the document's shape is known; a
 * record over `maxRecordBytes` is measured, never held, and rejected alone;
 * the decompressed size is capped at `maxBytes`. Content problems are
 * {@link FormatError}s (permanent); an error of the source stream is
 * rethrown as it is, so the caller can retry the object.
 */
import { tooLargeMessage } from '../lib/too-large.js';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AuditResponderError, FormatError, describeError } from '../errors.js';
import { decodeLogObject, isGzip, skipReasonForKey } from './decode.js';
import {
  DEFAULT_MAX_RECORD_BYTES,
  type ParseOptions,
  type ParsedObject,
  RecordCollector,
  type RecordWants,
  collectDocument,
} from './record-collector.js';
import { type ByteElement, ByteSplitter, type SkipRecord } from './record-splitter.js';
import { formatWithRecordsKey, probeRecord } from './registry.js';
import type { Cloud } from '../types.js';

/** Most bytes read before the document's shape must be known. */
export const MAX_LEAD_BYTES = 1 << 20;

/**
 * Inflate in 1 MiB chunks, and let gunzip run up to READ_AHEAD_CHUNKS ahead
 * of the splitter: with the default 16 KiB mark every chunk fills the
 * buffer, so gunzip (on a libuv thread) would wait for the main thread to
 * take each chunk and the two would take turns instead of overlapping.
 */
const GUNZIP_CHUNK_BYTES = 1 << 20;
const READ_AHEAD_CHUNKS = 3;
const GUNZIP_OPTIONS = { chunkSize: GUNZIP_CHUNK_BYTES, readableHighWaterMark: READ_AHEAD_CHUNKS * GUNZIP_CHUNK_BYTES };

/** Decompressed byte chunks of the (possibly gzipped) stream, with the size cap applied. */
async function* byteChunks(source: AsyncIterable<Uint8Array>, key: string, maxBytes: number): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  // Gather at least the two magic bytes before deciding whether this is gzip.
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  if (head.length === 0) return;
  // An error of the source itself (network, deadline) is not a content problem.
  let sourceError: { error: unknown } | undefined;
  async function* whole() {
    try {
      yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } catch (error) {
      // End the input instead of failing it: gunzip then hands over everything it
      // already inflated, and the source's error is raised after that.
      sourceError = { error };
    }
  }
  const gzip = isGzip(head);
  // pipeline() forwards a read error from the source into the gunzip stream we iterate.
  const bytes: AsyncIterable<Uint8Array> = gzip ? pipeline(Readable.from(whole()), createGunzip(GUNZIP_OPTIONS), () => {}) : whole();
  let size = 0;
  try {
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > maxBytes) throw new FormatError(key, tooLargeMessage(maxBytes));
      if (chunk.length > 0) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    if (sourceError) throw sourceError.error;
  } catch (error) {
    if (sourceError) throw sourceError.error;
    if (error instanceof AuditResponderError || !gzip) throw error;
    throw new FormatError(key, `invalid gzip data: ${describeError(error)}`, undefined, { cause: error });
  }
}

type Shape =
  | { readonly mode: 'records' | 'array'; readonly at: number }
  | { readonly mode: 'whole' }
  | { readonly mode: 'not-json' };

const BOM = [0xef, 0xbb, 0xbf];
const RECORDS_KEY = Buffer.from('"Records"');
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Finds the document's shape from its first bytes, chunk by chunk:
 * `[` (an array), `{"Records":[` (CloudTrail), another `{` (in memory), or not JSON.
 */
class ShapeDetector {
  /** 0 leading space, 1 after `{`, 2 in `"Records"`, 3 before `:`, 4 before `[`. */
  #state = 0;
  #matched = 0;
  /** Bytes seen so far. */
  seen = 0;

  /** The shape, with `at` = the index in this chunk after the array's `[`; `undefined` = read more. */
  feed(chunk: Buffer): Shape | undefined {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      const pos = this.seen + i;
      switch (this.#state) {
        case 0:
          if (pos < 3 && c === BOM[pos] && this.#matched === pos) {
            this.#matched += 1;
            continue;
          }
          if (isSpace(c)) continue;
          this.#matched = 0;
          if (c === 0x5b) return this.#done(chunk, { mode: 'array', at: i + 1 });
          if (c !== 0x7b) return this.#done(chunk, { mode: 'not-json' });
          this.#state = 1;
          continue;
        case 1:
          if (isSpace(c)) continue;
          if (c !== 0x22) return this.#done(chunk, { mode: 'whole' });
          this.#state = 2;
          this.#matched = 1;
          continue;
        case 2:
          if (c !== RECORDS_KEY[this.#matched]) return this.#done(chunk, { mode: 'whole' });
          this.#matched += 1;
          if (this.#matched === RECORDS_KEY.length) this.#state = 3;
          continue;
        case 3:
          if (isSpace(c)) continue;
          if (c !== 0x3a) return this.#done(chunk, { mode: 'whole' });
          this.#state = 4;
          continue;
        default:
          if (isSpace(c)) continue;
          return this.#done(chunk, c === 0x5b ? { mode: 'records', at: i + 1 } : { mode: 'whole' });
      }
    }
    this.seen += chunk.length;
    return undefined;
  }

  /** True when only whitespace (and a BOM) was seen. */
  get blank(): boolean {
    return this.#state === 0;
  }

  #done(chunk: Buffer, shape: Shape): Shape {
    this.seen += chunk.length;
    return shape;
  }
}

/**
 * Parse one log object from a stream of byte chunks.
 *
 * @throws {FormatError} when nothing readable came out of the object; when
 *   the stream breaks after some records, those are kept and the error is
 *   listed with them
 * @throws the source's own error when reading it failed (retry the object)
 */
export async function parseLogStream(source: AsyncIterable<Uint8Array>, key: string, options: ParseOptions): Promise<ParsedObject> {
  const skip = skipReasonForKey(key);
  if (skip) return { key, skipped: skip, total: 0, events: [], errors: [] };
  const chunks = byteChunks(source, key, options.maxBytes);
  try {
    const head: Buffer[] = [];
    const detector = new ShapeDetector();
    // Read just enough to know the shape (a for-await here would close the generator on return).
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      const before = detector.seen;
      const shape = detector.feed(next.value);
      if (shape?.mode === 'records' || shape?.mode === 'array') {
        return await splitArray(shape.mode, next.value.subarray(shape.at), before + shape.at, chunks, key, options);
      }
      if (shape?.mode === 'not-json') throw new FormatError(key, 'not JSON: does not start with { or [');
      head.push(next.value);
      if (shape?.mode === 'whole') return await wholeDocument(head, chunks, key, options);
      if (detector.seen > MAX_LEAD_BYTES) {
        throw new FormatError(key, detector.blank ? 'more than 1 MiB before the records array (only whitespace)' : 'more than 1 MiB before the records array');
      }
    }
    // The stream ended before the shape was known: small or truncated, decode in memory.
    return await wholeDocument(head, chunks, key, options);
  } finally {
    await chunks.return(undefined);
  }
}

/** Small or unusual documents: decode in memory (same rules as the in-memory path). */
async function wholeDocument(head: Buffer[], chunks: AsyncGenerator<Buffer>, key: string, options: ParseOptions): Promise<ParsedObject> {
  for await (const chunk of chunks) {
    options.signal?.throwIfAborted();
    head.push(chunk);
  }
  try {
    return collectDocument(decodeLogObject(Buffer.concat(head), key, options), key, options.wants, options.onEvent);
  } catch (error) {
    if (error instanceof AuditResponderError) throw error;
    // A document too big for one string or one JSON.parse is a content problem, not a retry.
    throw new FormatError(key, `cannot decode the document in memory: ${describeError(error)}`, undefined, { cause: error });
  }
}

async function splitArray(
  mode: 'records' | 'array',
  first: Buffer,
  offset: number,
  chunks: AsyncGenerator<Buffer>,
  key: string,
  options: ParseOptions,
): Promise<ParsedObject> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const create = (cloud: Cloud) => new RecordCollector(cloud, key, options.wants, options.onEvent);
  // `{"Records":[`: the cloud whose delivery documents look so.
  const records = formatWithRecordsKey('Records')?.cloud;
  let collector: RecordCollector | undefined = mode === 'records' && records ? create(records) : undefined;
  let watching = mode === 'records';
  const onElement = (element: ByteElement) => {
    if (!collector) {
      collector = create(probeRecord(element.kind === 'object' ? element.bytes : undefined).cloud);
      // From the next record on, the splitter reads the action of this cloud as it goes.
      watch(collector);
    }
    if (element.kind === 'object') collector.bytes(element.bytes, element.index, element.offset, watching, element.action, element.service, element.utf8);
    else if (element.kind === 'oversize') collector.oversize(element.index, element.size, maxRecordBytes);
    else collector.notAnObject(element.index);
    watching = true;
  };
  const splitter = new ByteSplitter(mode === 'records' ? 2 : 1, onElement, { maxRecordBytes }, offset);
  const wants = options.wants;
  const watch = (c: RecordCollector) =>
    wants
      ? splitter.watch(c.watchedKeys, skipOf(wants), () => {
          c.total += 1;
        })
      : splitter.watch(c.watchedKeys);
  if (collector) watch(collector);
  let broken: FormatError | undefined;
  try {
    splitter.push(first);
    for await (const chunk of chunks) {
      options.signal?.throwIfAborted();
      splitter.push(chunk);
      if (splitter.restOverflow) break;
    }
  } catch (error) {
    // A read error (network, deadline) is not a format problem: let the caller retry the object.
    if (!(error instanceof FormatError)) throw error;
    broken = error;
  }
  const result = collector ?? create(mode === 'records' && records ? records : probeRecord(undefined).cloud);
  broken ??= tailProblem(mode, splitter, key);
  if (broken) {
    if (result.total === 0) throw broken;
    result.errors.push(broken);
  }
  return result.result();
}

/** The splitter's skip test: the raw-byte form of `wants` when it has one. */
function skipOf(wants: RecordWants): SkipRecord {
  const bytes = wants.bytes;
  return bytes ? (action, service, chunk, from, to) => !bytes(action, service, chunk, from, to) : (action, service) => !wants(action, service);
}

/** What is wrong with the bytes after the records array, if anything. */
function tailProblem(mode: 'records' | 'array', splitter: ByteSplitter, key: string): FormatError | undefined {
  const rest = splitter.rest;
  if (rest === undefined) return new FormatError(key, 'invalid JSON: unexpected end of data (truncated object?)');
  if (splitter.restOverflow) return new FormatError(key, 'invalid JSON: more than 1 MiB of data after the records array');
  const after = rest.toString('utf8').trim();
  if (mode === 'array') return after === '' ? undefined : unexpectedAfter(key, after);
  if (after === '}') return undefined;
  if (!after.startsWith(',')) return unexpectedAfter(key, after);
  // More keys after the array: allowed, unless the tail is not JSON or holds "Records" again.
  let more: unknown;
  try {
    more = JSON.parse(`{${after.slice(1)}`);
  } catch {
    return unexpectedAfter(key, after);
  }
  if (more !== null && typeof more === 'object' && Object.hasOwn(more, 'Records')) {
    return new FormatError(key, 'invalid log: a second "Records" key after the records array (ignored)');
  }
  return undefined;
}

function unexpectedAfter(key: string, after: string): FormatError {
  const shown = JSON.stringify(after.slice(0, 40));
  return new FormatError(key, `invalid JSON: unexpected data after the records: ${shown}${after.length > 40 ? '…' : ''}`);
}
