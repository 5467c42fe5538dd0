/**
 * The whole flow for a batch of objects, shared by the cloud functions and
 * the local `scan`: process each object → collect findings → notify → log.
 */
import { NotifyError, describeError } from '../errors.js';
import { type ObjectRef, describeRef } from '../io/object-ref.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../notifiers/notifier.js';
import { type Ledger, memoryLedger } from '../store/ledger.js';
import type { Finding } from '../types.js';
import { type ObjectReport, type ProcessDeps, processObject } from './process-object.js';
import { type HeartbeatWatch, recordArrival } from '../heartbeat/record.js';
import { type TrailSyncOptions, syncTrailContext } from '../store/trail-context-store.js';

/** What a batch needs beyond processing. */
export interface RespondDeps extends ProcessDeps {
  readonly notifiers: readonly Notifier[];
  readonly logger: Logger;
  /** Milliseconds left in the invocation. @default no deadline */
  readonly remainingMs?: () => number;
  /** Which findings each destination already got. @default a new in-memory ledger */
  readonly ledger?: Ledger;
  /** Runs before notifying so the message says what was done. @default none */
  readonly remediate?: (findings: readonly Finding[], ledger: Ledger) => Promise<Finding[]>;
  /** Silence alarm (issue #14): watched prefixes whose arrivals are marked in `ledger`. @default off */
  readonly heartbeat?: HeartbeatWatch;
  /** Trail context (issue #14): how to read the account's trails at cold start. @default ledger only */
  readonly trailSync?: TrailSyncOptions;
}

/** Time kept free at the end of an invocation for notifying and logging. */
export const TIME_RESERVE_MS = 10_000;

/** The outcome of one batch. */
export interface BatchReport {
  readonly objects: readonly ObjectReport[];
  /** Every finding, suppressed ones included. */
  readonly findings: readonly Finding[];
  /** Findings sent to the notifiers (not suppressed). */
  readonly alerted: readonly Finding[];
  readonly notifyErrors: readonly { readonly notifier: string; readonly reason: string; readonly transient: boolean }[];
}

/** Process objects one by one (bounded memory), remediate, then notify once per batch. */
export async function respond(refs: readonly ObjectRef[], deps: RespondDeps): Promise<BatchReport> {
  const objects: ObjectReport[] = [];
  const remainingMs = deps.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  // Trail context (issue #14): what earlier invocations learned, before the rules run.
  if (deps.ledger) await syncTrailContext(deps.ledger, deps.engine.trails, deps.logger, deps.trailSync);
  for (const ref of refs) {
    if (remainingMs() < TIME_RESERVE_MS) {
      // Leave time to notify and end cleanly: the platform retries the rest.
      const reason = `${describeRef(ref)}: not processed, less than ${TIME_RESERVE_MS / 1000}s left in this invocation`;
      objects.push({ ref, name: describeRef(ref), records: 0, evaluated: 0, findings: [], errors: [], failure: { reason, transient: true }, durationMs: 0 });
      deps.logger.log('warn', 'object deferred', { object: describeRef(ref), reason });
      continue;
    }
    const report = await processObject(ref, deps);
    // Silence alarm (issue #14): one conditional ledger write per object under a watched prefix.
    if (deps.heartbeat && deps.ledger && !report.failure) await recordArrival(deps.ledger, ref, deps.heartbeat, deps.logger);
    logObject(deps.logger, report);
    objects.push(report);
  }
  // Trail context (issue #14): keep what this batch learned for the next invocations.
  if (deps.ledger) await syncTrailContext(deps.ledger, deps.engine.trails, deps.logger);
  const ledger = deps.ledger ?? memoryLedger();
  const found = uniqueByKey(objects.flatMap((o) => o.findings));
  const findings = deps.remediate && found.length > 0 ? await deps.remediate(found, ledger) : found;
  const alerted = findings.filter((f) => !f.suppressed);
  for (const f of findings.filter((f) => f.suppressed)) {
    deps.logger.log('info', 'finding suppressed', { dedupKey: f.dedupKey, reason: f.suppressed?.reason });
  }
  const notifyErrors: { notifier: string; reason: string; transient: boolean }[] = [];
  const context = {
    remainingMs: deps.remainingMs ?? (() => Number.POSITIVE_INFINITY),
    ledger,
  };
  if (alerted.length > 0) {
    for (const notifier of deps.notifiers) {
      try {
        const { sent, alreadySent } = await notifier.send(alerted, context);
        deps.logger.log('info', 'notified', { notifier: notifier.name, findings: alerted.length, messages: sent, alreadySent });
      } catch (error) {
        const reason = describeError(error);
        const transient = error instanceof NotifyError ? error.transient : true;
        notifyErrors.push({ notifier: notifier.name, reason, transient });
        deps.logger.log('error', 'notification failed', { notifier: notifier.name, reason, transient });
      }
    }
  }
  return { objects, findings, alerted, notifyErrors };
}

function logObject(logger: Logger, report: ObjectReport): void {
  const fields = {
    object: report.name,
    cloud: report.cloud,
    records: report.records,
    evaluated: report.evaluated,
    findings: report.findings.length,
    errors: report.errors.length,
    durationMs: report.durationMs,
  };
  if (report.failure) {
    logger.log('error', 'object failed', { ...fields, reason: report.failure.reason, transient: report.failure.transient });
  } else if (report.skipped) {
    logger.log('info', 'object skipped', { object: report.name, reason: report.skipped });
  } else {
    logger.log(report.errors.length > 0 ? 'warn' : 'info', 'object processed', fields);
    for (const error of report.errors.slice(0, 20)) logger.log('warn', 'record rejected', { reason: error });
  }
}

/** One finding per dedup key: a record repeated in a batch alerts once. */
function uniqueByKey(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.dedupKey) && Boolean(seen.add(f.dedupKey)));
}
