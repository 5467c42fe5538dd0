/**
 * What the rest of the code needs to know about one cloud's audit-log
 * format, in one place: how to recognise its documents and records, where
 * its action and service are (as JSON fields and as bytes), the envelope a
 * record needs before it may be skipped unparsed, the parser, and how an
 * alert says where an event happened. One descriptor per cloud
 * (`./aws.ts`, `./yandex.ts`), listed in `./registry.ts`.
 */
import type { AuditEvent, Cloud } from '../types.js';
import type { ActionKey } from './bytes.js';
import type { ParsedRecord } from './common.js';
import type { WatchedKeys } from './record-splitter.js';

/** One cloud's audit-log format. */
export interface CloudFormat {
  readonly cloud: Cloud;
  /** Top-level field holding the action (`eventName`, `event_type`). */
  readonly actionField: string;
  /** Top-level field holding the service, as the engine's service index reads it. */
  readonly serviceField: string;
  /** Finds the action in a record's raw text (global: the caller checks it occurs once). */
  readonly actionInText: RegExp;
  /** The action as a byte probe (the record's raw bytes searched for it). */
  readonly actionKey: ActionKey;
  /** The top-level keys the byte splitter reads while splitting. */
  readonly watched: WatchedKeys;
  /** Keys (quoted) every record must have to be skipped without parsing. */
  readonly envelopeKeys: readonly string[];
  /** The first bad envelope field of a record no rule reads, or `undefined`. */
  readonly envelopeProblem: (record: unknown) => string | undefined;
  /** Validate one raw record and normalize it. */
  readonly parse: (record: unknown, source: { key: string; index: number }) => ParsedRecord;
  /** Is this parsed record (the first of an array or of JSON Lines) one of ours? */
  readonly recognises: (record: Readonly<Record<string, unknown>>) => boolean;
  /** The same question on the raw bytes of the first element of a streamed array. */
  readonly probe: (bytes: Buffer) => boolean;
  /** The key of the records array of its delivery documents (`Records`), which the streaming splitter finds in the bytes. */
  readonly recordsKey?: string;
  /** The records of a whole-document object in this format (`{"Records":[…]}`), when it is one. */
  readonly documentRecords?: (document: Readonly<Record<string, unknown>>) => readonly unknown[] | undefined;
  /** Is this whole-document object a single event of ours? */
  readonly singleEvent: (document: Readonly<Record<string, unknown>>) => boolean;
  /** Why an object of this cloud is not an audit log, by key or by content (digest files). */
  readonly skipKey?: (key: string) => string | undefined;
  readonly skipDocument?: (document: Readonly<Record<string, unknown>>) => string | undefined;
  /** The "Where" line of an alert: account and region, cloud and folder. */
  readonly where: (event: AuditEvent) => string;
}
