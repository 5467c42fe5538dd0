/**
 * One entry point for formats: a log object (bytes, or a stream of chunks) →
 * normalized events, with every rejected record named by its index and
 * reason. Large arrays are split record by record without holding the
 * document; records no rule looks at are not parsed at all.
 */
import { decodeLogObject } from './decode.js';
import { type ParseOptions, type ParsedObject, collectDocument } from './record-collector.js';

/**
 * Decode one log object held in memory and normalize its records.
 *
 * @param bytes - the object as stored (gzip or plain)
 * @param key - the object key, used in every error
 * @throws {FormatError} when the object as a whole is not a readable audit log
 */
export function parseLogObject(bytes: Uint8Array, key: string, options: ParseOptions): ParsedObject {
  return collectDocument(decodeLogObject(bytes, key, options), key, options.wants);
}

export { parseLogStream } from './stream.js';
export type { ParseOptions, ParsedObject } from './record-collector.js';
