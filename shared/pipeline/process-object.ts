/**
 * One log object through the pipeline: read → decode → parse → rules.
 * Every failure stays inside the object's report; nothing here throws.
 */
import { AuditResponderError, FormatError, ObjectReadError, describeError } from '../errors.js';
import { parseLogStream } from '../formats/index.js';
import { type ObjectReader, type ObjectRef, describeRef } from '../io/object-ref.js';
import type { Cloud, Finding } from '../types.js';
import type { Engine } from './engine.js';

/** What happened to one object. */
export interface ObjectReport {
  readonly ref: ObjectRef;
  /** `s3://bucket/key` or the local path. */
  readonly name: string;
  readonly cloud?: Cloud;
  /** Why the object was skipped without parsing (digest file, ...). */
  readonly skipped?: string;
  /** Records in the object. */
  readonly records: number;
  /** Records that some rule looked at. */
  readonly evaluated: number;
  readonly findings: readonly Finding[];
  /** Rejected records and failed rules: one message each, naming the object and index. */
  readonly errors: readonly string[];
  /** Set when the object as a whole could not be read or parsed. */
  readonly failure?: { readonly reason: string; readonly transient: boolean };
  readonly durationMs: number;
}

/** What processing needs. */
export interface ProcessDeps {
  readonly reader: ObjectReader;
  readonly engine: Engine;
  readonly maxObjectBytes: number;
  /** Aborts the read when the object's share of the invocation is spent. @default none */
  readonly signal?: AbortSignal;
}

/** Read, parse and evaluate one object. Never throws. */
export async function processObject(ref: ObjectRef, deps: ProcessDeps): Promise<ObjectReport> {
  const started = performance.now();
  const name = describeRef(ref);
  const base = { ref, name, records: 0, evaluated: 0, findings: [], errors: [] };
  const elapsed = () => Math.round(performance.now() - started);
  let interrupted: (() => Error | undefined) | undefined;
  try {
    const stream = await deps.reader.open(ref, deps.signal ? { signal: deps.signal } : {});
    interrupted = stream.interrupted?.bind(stream);
    const parsed = await parseLogStream(stream, name, { maxBytes: deps.maxObjectBytes, wants: deps.engine.wants });
    if (parsed.skipped) return { ...base, skipped: parsed.skipped, durationMs: elapsed() };
    const findings: Finding[] = [];
    // A read cut short truncates the document: that is the read's failure, not a format error.
    const cut = interrupted?.();
    const errors = parsed.errors.filter((e) => !cut || e.index !== undefined).map((e) => e.message);
    for (const event of parsed.events) {
      const result = deps.engine.evaluate(event);
      findings.push(...result.findings);
      for (const e of result.errors) errors.push(`${name} record #${event.source?.index}: ${e.message}`);
    }
    return {
      ...base,
      ...(parsed.cloud ? { cloud: parsed.cloud } : {}),
      records: parsed.total,
      evaluated: parsed.events.length,
      findings,
      errors,
      ...(cut ? { failure: { reason: cut.message, transient: true } } : {}),
      durationMs: elapsed(),
    };
  } catch (error) {
    const cut = interrupted?.();
    if (cut) return { ...base, failure: { reason: cut.message, transient: true }, durationMs: elapsed() };
    if (error instanceof ObjectReadError) {
      return { ...base, failure: { reason: error.message, transient: error.transient }, durationMs: elapsed() };
    }
    const reason = error instanceof FormatError ? error.message : `${name}: ${describeError(error)}`;
    const transient = !(error instanceof AuditResponderError);
    return { ...base, failure: { reason, transient }, durationMs: elapsed() };
  }
}
