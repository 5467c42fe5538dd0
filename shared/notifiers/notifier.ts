/**
 * The notifier contract. Each notifier renders with a pure function in its
 * own file and sends with a thin one; delivery is tracked per message so a
 * retried invocation sends only what did not go out the first time.
 */
import { type Deadline, createDeadline } from '../lib/deadline.js';
import { type Ledger, memoryLedger } from '../store/ledger.js';
import type { Finding, Severity } from '../types.js';
import type { RetryBudget } from './retry-policy.js';

/** What a notifier gets besides the findings. */
export interface NotifyContext {
  /** Milliseconds left before the invocation must end; waits beyond it fail instead. */
  readonly remainingMs: () => number;
  readonly ledger: Ledger;
  /** The time budget for sending: timeouts and abort signals. @default one over `remainingMs` */
  readonly deadline?: Deadline;
  /** Who claims deliveries in the ledger: the invocation id. @default `local` */
  readonly owner?: string;
  /** Retries this batch may still spend on this medium. @default the medium's own budget */
  readonly retryBudget?: RetryBudget;
}

/** How a send went. */
export interface DeliveryReport {
  /** Messages delivered now. */
  readonly sent: number;
  /** Findings skipped because an earlier attempt delivered them to this destination. */
  readonly alreadySent: number;
}

/** A destination for alerts (console, Telegram, email). */
export interface Notifier {
  /** Short name for logs: `console`, `telegram`, `email`. */
  readonly name: string;
  /**
   * Deliver the findings of one batch (no suppressed ones). Delivers every
   * message it can, then throws a NotifyError if any failed.
   */
  send(findings: readonly Finding[], context: NotifyContext): Promise<DeliveryReport>;
}

/** The context's deadline, or one over its `remainingMs`. */
export function deadlineOf(context: NotifyContext): Deadline {
  return context.deadline ?? createDeadline(context.remainingMs);
}

/** A context with no deadline and an in-memory ledger. */
export function localNotifyContext(): NotifyContext {
  return { remainingMs: () => Number.POSITIVE_INFINITY, ledger: memoryLedger() };
}

/** Findings at or above a severity. */
export function atLeast(findings: readonly Finding[], min: Severity, order: readonly Severity[]): Finding[] {
  const floor = order.indexOf(min);
  return findings.filter((f) => order.indexOf(f.severity) >= floor);
}
