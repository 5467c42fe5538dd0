/**
 * Record by record handling shared by the in-memory and streaming parsers:
 * the prefilter (records no rule looks at cost a lookup, or one regex on
 * their text, and an envelope check), validation, and errors with indexes.
 */
import { isUtf8 } from 'node:buffer';
import { FormatError } from '../errors.js';
import type { AuditEvent, Cloud } from '../types.js';
import { actionInBytes, firstInvalidUtf8, formatSize, groupDigits } from './bytes.js';
import type { CloudFormat } from './cloud-format.js';
import type { WatchedKeys } from './record-splitter.js';
import type { DecodeOptions, LogDocument } from './decode.js';
import { formatOf } from './registry.js';

/** Normalized content of one object. */
export interface ParsedObject {
  readonly key: string;
  /** `undefined` when the object was skipped. */
  readonly cloud?: Cloud;
  /** Set when the object is not an audit log (digest file, placeholder). */
  readonly skipped?: string;
  /** Records in the object, valid or not. */
  readonly total: number;
  /** Records that at least one rule looks at, normalized. */
  readonly events: readonly AuditEvent[];
  /** Rejected records (and a stream that broke midway), with key and index. */
  readonly errors: readonly FormatError[];
}

/**
 * The action prefilter (the engine's `wants`). `bytes`, when present, is the
 * same question with the record's raw JSON bytes at hand (a raw-byte
 * prefilter for rules that cannot be indexed): used where the bytes are.
 */
export interface RecordWants {
  (action: string, service?: string): boolean;
  readonly bytes?: (action: string, service: string | undefined, bytes: Buffer, start: number, end: number) => boolean;
}

/** Options for parsing. */
export interface ParseOptions extends DecodeOptions {
  /**
   * Prefilter: only records whose action passes are validated and normalized.
   * The rest cost a lookup and an envelope check. @default every record
   */
  readonly wants?: RecordWants;
  /**
   * Called with each normalized event as soon as it is parsed; the events are
   * then not kept in {@link ParsedObject.events}. @default keep them
   */
  readonly onEvent?: (event: AuditEvent) => void;
  /** Largest record accepted, in bytes (streamed arrays). @default 16 MiB */
  readonly maxRecordBytes?: number;
  /**
   * Stops reading when aborted (a deadline): the abort reason is thrown as
   * it is, not as a FormatError, so the object is retried; events handed to
   * `onEvent` before it stay handed over.
   */
  readonly signal?: AbortSignal;
}

/** Default of {@link ParseOptions.maxRecordBytes}. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Collects the events and errors of one object, record by record. */
export class RecordCollector {
  readonly events: AuditEvent[] = [];
  readonly errors: FormatError[] = [];
  total = 0;
  readonly #parser: CloudFormat;
  readonly #key: string;
  readonly #wants: RecordWants | undefined;
  readonly #onEvent: ((event: AuditEvent) => void) | undefined;

  constructor(readonly cloud: Cloud, key: string, wants?: RecordWants, onEvent?: (event: AuditEvent) => void) {
    this.#parser = formatOf(cloud);
    this.#key = key;
    this.#wants = wants;
    this.#onEvent = onEvent;
  }

  /** The top-level keys a byte splitter should read for this cloud. */
  get watchedKeys(): WatchedKeys {
    return this.#parser.watched;
  }

  /** A parsed record (any JSON value). */
  value(record: unknown, index: number): void {
    this.total += 1;
    const action = (record as Record<string, unknown> | null)?.[this.#parser.actionField];
    const service = (record as Record<string, unknown> | null)?.[this.#parser.serviceField];
    if (this.#wants && typeof action === 'string' && !this.#wants(action, typeof service === 'string' ? service : undefined)) {
      const problem = this.#parser.envelopeProblem(record);
      if (problem) this.errors.push(new FormatError(this.#key, problem, index));
      return;
    }
    const result = this.#parser.parse(record, { key: this.#key, index });
    if (result.ok) {
      if (this.#onEvent) this.#onEvent(result.event);
      else this.events.push(result.event);
    } else this.errors.push(new FormatError(this.#key, result.reason, index));
  }

  /**
   * A record's raw JSON text: when its action is plainly one no rule wants,
   * it is skipped without parsing (one regex); otherwise parsed and handled.
   */
  text(text: string, index: number): void {
    if (this.#wants) {
      const re = this.#parser.actionInText;
      re.lastIndex = 0;
      const first = re.exec(text);
      const second = first ? re.exec(text) : null;
      const complete = this.#parser.envelopeKeys.every((k) => text.includes(k));
      if (first?.[1] !== undefined && second === null && complete && !this.#wants(first[1])) {
        this.total += 1;
        return;
      }
    }
    this.#parse(text, index);
  }

  /**
   * A record's raw UTF-8 bytes (`offset`: where they start in the object).
   * Invalid UTF-8 rejects this record only, naming the byte; a record whose
   * action is plainly one no rule wants is skipped without being decoded.
   * `read`: the splitter read the record's top level, and `action` is what
   * it found there (`undefined`: unknown, parse it); when it did not look,
   * the bytes are searched. `utf8`: the splitter already knows the bytes are
   * valid UTF-8.
   */
  bytes(bytes: Buffer, index: number, offset: number, read = false, action?: string, service?: string, utf8 = false): void {
    if (!utf8 && !isUtf8(bytes)) {
      this.total += 1;
      const at = offset + Math.max(0, firstInvalidUtf8(bytes));
      this.errors.push(new FormatError(this.#key, `not valid UTF-8 text at byte ${groupDigits(at)}`, index));
      return;
    }
    if (this.#wants) {
      const known = read ? action : actionInBytes(bytes, this.#parser.actionKey);
      const seenService = read ? service : undefined;
      const bytesWants = this.#wants.bytes;
      if (known !== undefined && !(bytesWants ? bytesWants(known, seenService, bytes, 0, bytes.length) : this.#wants(known, seenService))) {
        this.total += 1;
        return;
      }
    }
    this.#parse(bytes.toString('utf8'), index);
  }

  /** A record too large to hold, rejected with its size. */
  oversize(index: number, size: number, limit: number): void {
    this.total += 1;
    this.errors.push(new FormatError(this.#key, `${formatSize(size)}, over maxRecordBytes (${formatSize(limit)})`, index));
  }

  #parse(text: string, index: number): void {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      this.total += 1;
      this.errors.push(new FormatError(this.#key, `invalid JSON: ${(error as Error).message}`, index));
      return;
    }
    this.value(record, index);
  }

  /** An element that is not an object. */
  notAnObject(index: number): void {
    this.total += 1;
    this.errors.push(new FormatError(this.#key, 'record: expected an object', index));
  }

  /** The result. */
  result(): ParsedObject {
    return { key: this.#key, cloud: this.cloud, total: this.total, events: this.events, errors: this.errors };
  }
}

/** Collect every record of an in-memory document (or report why it was skipped). */
export function collectDocument(
  doc: LogDocument,
  key: string,
  wants?: RecordWants,
  onEvent?: (event: AuditEvent) => void,
): ParsedObject {
  if (doc.kind === 'skipped') return { key, skipped: doc.reason, total: 0, events: [], errors: [] };
  const collector = new RecordCollector(doc.cloud, key, wants, onEvent);
  for (const bad of doc.badLines) {
    collector.total += 1;
    collector.errors.push(new FormatError(key, bad.reason, bad.index));
  }
  for (const [i, record] of doc.records.entries()) collector.value(record, doc.indexes?.[i] ?? i);
  return collector.result();
}
