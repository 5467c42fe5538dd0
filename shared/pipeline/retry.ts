/**
 * Turns a batch report into the platform's retry signal: transient failures
 * (object read, notification, ledger bookkeeping) fail the invocation after everything else was
 * processed; permanent ones (malformed object) are logged and not retried.
 */
import { AuditResponderError } from '../errors.js';
import type { ObjectRef } from '../io/object-ref.js';
import type { BatchReport } from './respond.js';

/** Raised at the end of an invocation that should be retried. */
export class RetryableBatchError extends AuditResponderError {
  readonly reasons: readonly string[];
  constructor(reasons: readonly string[]) {
    super(`batch incomplete, retry needed: ${reasons.join('; ')}`);
    this.name = 'RetryableBatchError';
    this.reasons = reasons;
  }
}

/** Why the batch should be retried, or `[]`. */
export function retryReasons(report: BatchReport): string[] {
  const reads = report.objects.flatMap((o) => (o.failure?.transient ? [o.failure.reason] : []));
  const notify = report.notifyErrors.filter((e) => e.transient).map((e) => e.reason);
  const deferred = report.findings.flatMap((f) => (f.remediationOutcome?.retryable ? [`${f.dedupKey}: ${f.remediationOutcome.reason}`] : []));
  return [...reads, ...notify, ...deferred, ...(report.ledgerError ? [report.ledgerError] : [])];
}

/** Throw {@link RetryableBatchError} when the batch should be retried. */
export function failIfRetryable(report: BatchReport): void {
  const reasons = retryReasons(report);
  if (reasons.length > 0) throw new RetryableBatchError(reasons);
}

/** True when this ref's object must be processed again (SQS partial failure). */
export function needsRetry(report: BatchReport, ref: ObjectRef): boolean {
  const object = report.objects.find((o) => o.ref.bucket === ref.bucket && o.ref.key === ref.key);
  if (!object) return false;
  if (object.failure?.transient) return true;
  if (object.findings.some((f) => report.findings.some((r) => r.dedupKey === f.dedupKey && r.remediationOutcome?.retryable))) return true;
  const alerted = object.findings.some((f) => !f.suppressed);
  return alerted && (report.notifyErrors.some((e) => e.transient) || report.ledgerError !== undefined);
}
