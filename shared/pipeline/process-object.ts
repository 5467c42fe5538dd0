/**
 * One log object through the pipeline: read → decode → parse → rules.
 * Events are evaluated as they are parsed, so memory follows the findings,
 * not the records. Every failure stays inside the object's report; nothing
 * here throws. Content problems (not an audit log, size caps, invalid
 * UTF-8, bad gzip) are permanent; read and service errors are transient,
 * and the findings of the records read before them are kept.
 */
import { AuditResponderError, ObjectReadError, describeError } from '../errors.js';
import { parseLogStream } from '../formats/index.js';
import { type ObjectReader, type ObjectRef, describeRef } from '../io/object-ref.js';
import type { AuditEvent, Cloud, Finding } from '../types.js';
import type { Engine } from '../rules/engine.js';

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
  /** Largest record accepted, in bytes. @default 16 MiB */
  readonly maxRecordBytes?: number;
  /** Aborts the read when the object's share of the invocation is spent: transient, findings so far kept. @default none */
  readonly signal?: AbortSignal;
}

/** Read, parse and evaluate one object. Never throws. */
export async function processObject(ref: ObjectRef, deps: ProcessDeps): Promise<ObjectReport> {
  const started = performance.now();
  const name = describeRef(ref);
  const elapsed = () => Math.round(performance.now() - started);
  const findings: Finding[] = [];
  const ruleErrors: string[] = [];
  let evaluated = 0;
  const onEvent = (event: AuditEvent) => {
    evaluated += 1;
    const result = deps.engine.evaluate(event);
    for (const f of result.findings) findings.push(f);
    for (const e of result.errors) ruleErrors.push(`${name} record #${event.source?.index}: ${e.message}`);
  };
  let interrupted: (() => Error | undefined) | undefined;
  try {
    const stream = await deps.reader.open(ref, deps.signal ? { signal: deps.signal } : {});
    interrupted = stream.interrupted?.bind(stream);
    const parsed = await parseLogStream(stream, name, {
      maxBytes: deps.maxObjectBytes,
      ...(deps.maxRecordBytes ? { maxRecordBytes: deps.maxRecordBytes } : {}),
      wants: deps.engine.wants,
      onEvent,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (parsed.skipped) return { ref, name, records: 0, evaluated: 0, findings: [], errors: [], skipped: parsed.skipped, durationMs: elapsed() };
    // A read cut short truncates the document: that is the read's failure, not a format error.
    const cut = interrupted?.();
    const formatErrors = parsed.errors.filter((e) => !cut || e.index !== undefined).map((e) => e.message);
    return {
      ref,
      name,
      ...(parsed.cloud ? { cloud: parsed.cloud } : {}),
      records: parsed.total,
      evaluated,
      findings,
      errors: [...formatErrors, ...ruleErrors],
      ...(cut ? { failure: { reason: cut.message, transient: true } } : {}),
      durationMs: elapsed(),
    };
  } catch (error) {
    // What was read before the failure still counts: its findings are reported with it.
    const kept = { ref, name, records: evaluated, evaluated, findings, errors: ruleErrors };
    const cut = interrupted?.();
    if (cut) return { ...kept, failure: { reason: cut.message, transient: true }, durationMs: elapsed() };
    if (error instanceof ObjectReadError) {
      return { ...kept, failure: { reason: error.message, transient: error.transient }, durationMs: elapsed() };
    }
    // Our own errors are about the content (permanent); anything else is I/O or a service (transient).
    const transient = !(error instanceof AuditResponderError);
    const reason = transient ? `${name}: ${describeError(error)}` : (error as Error).message;
    return { ...kept, failure: { reason, transient }, durationMs: elapsed() };
  }
}
