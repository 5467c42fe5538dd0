/**
 * One entry point for formats: bytes of a log object → normalized events,
 * with every rejected record named by its index and reason.
 */
import { FormatError } from '../errors.js';
import type { AuditEvent, Cloud } from '../types.js';
import { cloudTrailAction, cloudTrailEnvelopeProblem, parseCloudTrailRecord } from './aws-cloudtrail.js';
import type { ParsedRecord } from './common.js';
import { type DecodeOptions, decodeLogObject } from './decode.js';
import { parseYandexEvent, yandexAction, yandexEnvelopeProblem } from './yandex-audit-trails.js';

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
  /** Records rejected by validation, with key and index. */
  readonly errors: readonly FormatError[];
}

/** Options for {@link parseLogObject}. */
export interface ParseOptions extends DecodeOptions {
  /**
   * Prefilter: only records whose action passes are validated and normalized.
   * The rest cost one lookup. @default every record
   */
  readonly wants?: (action: string) => boolean;
}

const parsers: Record<
  Cloud,
  {
    action: (record: unknown) => string | undefined;
    envelopeProblem: (record: unknown) => string | undefined;
    parse: (record: unknown, source: { key: string; index: number }) => ParsedRecord;
  }
> = {
  aws: { action: cloudTrailAction, envelopeProblem: cloudTrailEnvelopeProblem, parse: parseCloudTrailRecord },
  yandex: { action: yandexAction, envelopeProblem: yandexEnvelopeProblem, parse: parseYandexEvent },
};

/**
 * Decode one log object and normalize its records.
 *
 * @param bytes - the object as stored (gzip or plain)
 * @param key - the object key, used in every error
 * @throws {FormatError} when the object as a whole is not a readable audit log
 */
export function parseLogObject(
  bytes: Uint8Array,
  key: string,
  options: ParseOptions,
): ParsedObject {
  const doc = decodeLogObject(bytes, key, options);
  if (doc.kind === 'skipped') {
    return { key, skipped: doc.reason, total: 0, events: [], errors: [] };
  }
  const { action, envelopeProblem, parse } = parsers[doc.cloud];
  const wants = options.wants;
  const events: AuditEvent[] = [];
  const errors = doc.badLines.map((b) => new FormatError(key, b.reason, b.index));
  for (let index = 0; index < doc.records.length; index++) {
    const record = doc.records[index];
    const name = action(record);
    if (wants && name !== undefined && !wants(name)) {
      const problem = envelopeProblem(record);
      if (problem) errors.push(new FormatError(key, problem, index));
      continue;
    }
    const result = parse(record, { key, index });
    if (result.ok) events.push(result.event);
    else errors.push(new FormatError(key, result.reason, index));
  }
  return {
    key,
    cloud: doc.cloud,
    total: doc.records.length + doc.badLines.length,
    events,
    errors,
  };
}
