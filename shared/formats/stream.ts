/**
 * Streaming parse of one log object: gunzip by magic bytes, decode UTF-8,
 * and split the records array as the bytes arrive, so a 130 MB CloudTrail
 * file never sits in memory whole. Documents of other shapes (digest files,
 * JSON Lines, single events) are small and go through the in-memory decoder.
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AuditResponderError, FormatError, describeError } from '../errors.js';
import { decodeLogObject, isGzip, skipReasonForKey } from './decode.js';
import { type ParseOptions, type ParsedObject, RecordCollector, collectDocument } from './record-collector.js';
import { ArraySplitter } from './record-splitter.js';

const CLOUDTRAIL_HEAD = /^\s*\{\s*"Records"\s*:\s*\[/;

/** Text chunks of the (possibly gzipped) byte stream, with the size cap applied. */
async function* textChunks(source: AsyncIterable<Uint8Array>, key: string, maxBytes: number): AsyncGenerator<string> {
  const iterator = source[Symbol.asyncIterator]();
  // Gather at least the two magic bytes before deciding whether this is gzip.
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  if (head.length === 0) return;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  async function* whole() {
    yield head;
    yield* rest;
  }
  // pipeline() forwards a read error from the source into the gunzip stream we iterate.
  const bytes: AsyncIterable<Uint8Array> = isGzip(head) ? pipeline(Readable.from(whole()), createGunzip({ chunkSize: 1 << 20 }), () => {}) : whole();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let started = false;
  try {
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > maxBytes) throw new FormatError(key, `object too large: more than ${maxBytes} bytes, the limit`);
      let text = decoder.decode(chunk, { stream: true });
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    if (error instanceof AuditResponderError) throw error;
    if (error instanceof TypeError && /encoded data was not valid/i.test(error.message)) {
      throw new FormatError(key, 'not valid UTF-8 text', undefined, { cause: error });
    }
    throw new FormatError(key, `invalid gzip data: ${describeError(error)}`, undefined, { cause: error });
  }
}

/**
 * Parse one log object from a stream of byte chunks.
 *
 * @throws {FormatError} when nothing readable came out of the object; when
 *   the stream breaks after some records, those are kept and the error is
 *   listed with them
 */
export async function parseLogStream(source: AsyncIterable<Uint8Array>, key: string, options: ParseOptions): Promise<ParsedObject> {
  const skip = skipReasonForKey(key);
  if (skip) return { key, skipped: skip, total: 0, events: [], errors: [] };
  const chunks = textChunks(source, key, options.maxBytes);
  let head = '';
  let mode: 'records' | 'array' | 'whole' | undefined;
  // Read just enough to know the shape (a for-await here would close the generator on return).
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    head += next.value;
    if (mode !== undefined) continue;
    const start = head.search(/\S/);
    if (start < 0) continue;
    if (head[start] === '[') mode = 'array';
    else if (CLOUDTRAIL_HEAD.test(head)) mode = 'records';
    else if (head[start] !== '{' || head.length - start > 64 || /^\s*\{\s*"(?!Records)/.test(head)) mode = 'whole';
    if (mode === 'records' || mode === 'array') return splitArray(mode, head, chunks, key, options);
  }
  // Small or unusual documents: decode in memory (same rules as the byte path).
  return collectDocument(decodeLogObject(new TextEncoder().encode(head), key, options), key, options.wants);
}

async function splitArray(
  mode: 'records' | 'array',
  head: string,
  chunks: AsyncGenerator<string>,
  key: string,
  options: ParseOptions,
): Promise<ParsedObject> {
  let collector: RecordCollector | undefined = mode === 'records' ? new RecordCollector('aws', key, options.wants) : undefined;
  const splitter = new ArraySplitter(mode === 'records' ? 2 : 1, (element) => {
    if (!collector) {
      // A bare array: CloudTrail records (rare) or Yandex events, by the first element.
      const aws = element.kind === 'object' && /"eventName"\s*:/.test(element.text) && !/"event_type"\s*:/.test(element.text);
      collector = new RecordCollector(aws ? 'aws' : 'yandex', key, options.wants);
    }
    if (element.kind === 'object') collector.text(element.text, element.index);
    else collector.notAnObject(element.index);
  });
  const opening = mode === 'records' ? (CLOUDTRAIL_HEAD.exec(head)?.[0].length ?? 0) : head.indexOf('[') + 1;
  let broken: FormatError | undefined;
  try {
    splitter.push(head.slice(opening));
    for await (const chunk of chunks) splitter.push(chunk);
  } catch (error) {
    // A read error (network) is not a format problem: let the caller retry the object.
    if (!(error instanceof FormatError)) throw error;
    broken = error;
  }
  const result = collector ?? new RecordCollector(mode === 'records' ? 'aws' : 'yandex', key, options.wants);
  const after = splitter.rest?.trim();
  if (!broken && after === undefined) broken = new FormatError(key, 'invalid JSON: unexpected end of data (truncated object?)');
  if (!broken && after && !(mode === 'records' ? /^[},]/ : /^$/).test(after)) {
    broken = new FormatError(key, 'invalid JSON: unexpected data after the records');
  }
  if (broken) {
    if (result.total === 0) throw broken;
    result.errors.push(broken);
  }
  return result.result();
}
