/**
 * The whole flow for a batch of objects, shared by the cloud functions and
 * the local `scan`: process each object → collect findings → remediate →
 * notify (every destination in parallel) → log.
 *
 * Time: each object may read until only `reserveMs` of the invocation are
 * left (what remediating and notifying still need); destinations then share
 * what is left. The ledger is guarded: when it fails, alerts still go out,
 * one error names the ledger and the reason, and the batch asks for a retry.
 */
import { randomUUID } from 'node:crypto';
import { NotifyError, describeError } from '../errors.js';
import { type ObjectRef, describeRef } from '../io/object-ref.js';
import { type Deadline, createDeadline } from '../lib/deadline.js';
import type { Logger } from '../log.js';
import type { Notifier, NotifyContext } from '../notifiers/notifier.js';
import { type Ledger, memoryLedger } from '../store/ledger.js';
import type { Finding } from '../types.js';
import { type GuardedLedger, guardLedger } from './ledger-guard.js';
import { type ObjectReport, type ProcessDeps, processObject } from './process-object.js';
import { type HeartbeatWatch, recordArrival } from '../heartbeat/record.js';
import { type TrailSyncOptions, syncTrailContext } from '../store/trail-context-store.js';

/** What remediation gets besides the findings and the ledger. */
export interface RemediateContext {
  /** The time budget: derive each API call's timeout and abort signal from it. */
  readonly deadline: Deadline;
  /** The invocation id, to claim leased ledger entries with. */
  readonly owner: string;
  /** Time that must stay free for notifying after remediation (pass it as `reserveMs` to `deadline.signal`). */
  readonly notifyReserveMs: number;
}

/**
 * What the end of a batch needs (remediate → notify → report): the part of
 * {@link RespondDeps} that `scan` shares with the functions.
 */
export interface FinishDeps {
  readonly notifiers: readonly Notifier[];
  readonly logger: Logger;
  /** Milliseconds left in the invocation. @default no deadline */
  readonly remainingMs?: () => number;
  /** The invocation's time budget. @default one over `remainingMs` */
  readonly deadline?: Deadline;
  /** The invocation id (Lambda `awsRequestId`, Yandex request id): the owner of ledger claims. @default a random id */
  readonly owner?: string;
  /** Time kept free for remediating, notifying and logging after the reads. @default {@link TIME_RESERVE_MS} */
  readonly reserveMs?: number;
  /** Which findings each destination already got. @default a new in-memory ledger */
  readonly ledger?: Ledger;
  /** The ledger's name in error messages (its table). @default `in-memory` */
  readonly ledgerName?: string;
  /** Runs before notifying so the message says what was done. @default none */
  readonly remediate?: (findings: readonly Finding[], ledger: Ledger, context: RemediateContext) => Promise<Finding[]>;
}

/** What a batch needs beyond processing. */
export interface RespondDeps extends ProcessDeps, FinishDeps {
  /** Silence alarm (issue #14): watched prefixes whose arrivals are marked in `ledger`. @default off */
  readonly heartbeat?: HeartbeatWatch;
  /** Trail context (issue #14): how to read the account's trails at cold start. @default ledger only */
  readonly trailSync?: TrailSyncOptions;
}

/** Time kept free at the end of an invocation for notifying and logging. */
export const TIME_RESERVE_MS = 10_000;
/** Of the reserve, the part remediation must leave to notifying. */
const NOTIFY_SHARE = 0.6;

/** What the end of a batch reports: findings, what was alerted, the errors. */
export interface BatchOutcome {
  /** Every finding, suppressed ones included. */
  readonly findings: readonly Finding[];
  /** Findings sent to the notifiers (not suppressed). */
  readonly alerted: readonly Finding[];
  readonly notifyErrors: readonly { readonly notifier: string; readonly reason: string; readonly transient: boolean }[];
  /** Why the ledger could not be read or written, when it failed (alerts went out regardless). */
  readonly ledgerError?: string;
}

/** The outcome of one batch. */
export interface BatchReport extends BatchOutcome {
  readonly objects: readonly ObjectReport[];
}

/** Process objects one by one (bounded memory), remediate, then notify once per batch. */
export async function respond(refs: readonly ObjectRef[], deps: RespondDeps): Promise<BatchReport> {
  const deadline = deps.deadline ?? createDeadline(deps.remainingMs);
  const reserveMs = deps.reserveMs ?? TIME_RESERVE_MS;
  const owner = deps.owner ?? randomUUID();
  const objects: ObjectReport[] = [];
  const ledgerName = deps.ledgerName ?? 'in-memory';
  const ledger = guardLedger(deps.ledger ?? memoryLedger(), ledgerName, deadline);
  // Trail context (issue #14): what earlier invocations learned, before the rules run.
  if (deps.ledger) await syncTrailContext(ledger, deps.engine.trails, deps.logger, deps.trailSync);
  for (const ref of refs) {
    if (deadline.remainingMs() < reserveMs) {
      // Leave time to notify and end cleanly: the platform retries the rest.
      const reason = `${describeRef(ref)}: not processed, less than ${reserveMs / 1000}s left in this invocation`;
      objects.push({ ref, name: describeRef(ref), records: 0, evaluated: 0, findings: [], errors: [], failure: { reason, transient: true }, durationMs: 0 });
      deps.logger.log('warn', 'object deferred', { object: describeRef(ref), reason });
      continue;
    }
    const report = await processObject(ref, { ...deps, signal: deadline.signal(reserveMs) });
    // Silence alarm (issue #14): one conditional ledger write per object under a watched prefix.
    if (deps.heartbeat && deps.ledger && !report.failure) await recordArrival(ledger, ref, deps.heartbeat, deps.logger);
    logObject(deps.logger, report);
    objects.push(report);
  }
  // Trail context (issue #14): keep what this batch learned for the next invocations.
  if (deps.ledger) await syncTrailContext(ledger, deps.engine.trails, deps.logger);
  return { objects, ...(await finishBatch(objects.flatMap((o) => o.findings), deps, { deadline, owner, ledger })) };
}

/** What {@link finishBatch} shares with the reads before it; each part is made when absent. */
export interface FinishState {
  readonly deadline?: Deadline;
  readonly owner?: string;
  /** The guarded ledger the reads used. @default `deps.ledger` (or a new in-memory one), guarded */
  readonly ledger?: GuardedLedger;
}

/**
 * The end of every batch, written once: one finding per dedup key →
 * remediate (a remediator that throws leaves the findings as they were) →
 * notify every destination in parallel through the guarded ledger (leased
 * deliveries, each notifier's retry budget within the deadline) → log the
 * ledger's failure. Used by {@link respond} and by the local `scan`.
 */
export async function finishBatch(found: readonly Finding[], deps: FinishDeps, state: FinishState = {}): Promise<BatchOutcome> {
  const deadline = state.deadline ?? deps.deadline ?? createDeadline(deps.remainingMs);
  const reserveMs = deps.reserveMs ?? TIME_RESERVE_MS;
  const owner = state.owner ?? deps.owner ?? randomUUID();
  const ledger = state.ledger ?? guardLedger(deps.ledger ?? memoryLedger(), deps.ledgerName ?? 'in-memory', deadline);
  const unique = uniqueByKey(found);
  const findings = await remediateSafely(unique, ledger, { deadline, owner, notifyReserveMs: Math.round(reserveMs * NOTIFY_SHARE) }, deps);
  const alerted = findings.filter((f) => !f.suppressed);
  for (const f of findings.filter((f) => f.suppressed)) {
    deps.logger.log('info', 'finding suppressed', { dedupKey: f.dedupKey, reason: f.suppressed?.reason });
  }
  const context: NotifyContext = { remainingMs: deadline.remainingMs, deadline, ledger, owner };
  const notifyErrors = alerted.length > 0 ? await notifyAll(alerted, context, deps) : [];
  const failure = ledger.failure();
  if (failure) {
    deps.logger.log('error', 'ledger unavailable: alerts sent without it, retry needed', { ledger: failure.ledger, reason: failure.reason });
  }
  return { findings, alerted, notifyErrors, ...(failure ? { ledgerError: failure.message } : {}) };
}

/** Remediate; a remediator that throws leaves the findings as they were (the alert matters more). */
async function remediateSafely(found: Finding[], ledger: Ledger, context: RemediateContext, deps: FinishDeps): Promise<Finding[]> {
  if (!deps.remediate || found.length === 0) return found;
  try {
    return await deps.remediate(found, ledger, context);
  } catch (error) {
    deps.logger.log('error', 'remediation failed', { reason: describeError(error) });
    return found;
  }
}

/** Every notifier at once, so one slow destination never starves another. */
async function notifyAll(alerted: readonly Finding[], context: NotifyContext, deps: FinishDeps) {
  const results = await Promise.allSettled(deps.notifiers.map((notifier) => notifier.send(alerted, context)));
  const notifyErrors: { notifier: string; reason: string; transient: boolean }[] = [];
  results.forEach((result, index) => {
    const name = deps.notifiers[index]?.name ?? String(index);
    if (result.status === 'fulfilled') {
      const { sent, alreadySent } = result.value;
      deps.logger.log('info', 'notified', { notifier: name, findings: alerted.length, messages: sent, alreadySent });
      return;
    }
    const error: unknown = result.reason;
    const reason = describeError(error);
    const transient = error instanceof NotifyError ? error.transient : true;
    notifyErrors.push({ notifier: name, reason, transient });
    deps.logger.log('error', 'notification failed', { notifier: name, reason, transient });
  });
  return notifyErrors;
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
