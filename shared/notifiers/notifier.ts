/**
 * The notifier contract. Each notifier renders with a pure function in its
 * own file and sends with a thin one; delivery is tracked per message so a
 * retried invocation sends only what did not go out the first time.
 */
import type { Finding, Severity } from '../types.js';

/**
 * Remembers what was delivered and done, across retries (in memory, or
 * durable: shared/store/dynamodb-ledger.ts).
 */
export interface DeliveryLedger {
  has(key: string): Promise<boolean>;
  /** Record a key (no-op when present). */
  add(key: string): Promise<void>;
  /** Write the key only if absent; `true` when this call created it. */
  claim(key: string): Promise<boolean>;
  /** Remove a key (a failed remediation may then be tried again). */
  release(key: string): Promise<void>;
}

/** What a notifier gets besides the findings. */
export interface NotifyContext {
  /** Milliseconds left before the invocation must end; waits beyond it fail instead. */
  readonly remainingMs: () => number;
  readonly ledger: DeliveryLedger;
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

/** A ledger that lives as long as the process (local runs, tests). */
export function memoryLedger(): DeliveryLedger & { readonly keys: Set<string> } {
  const keys = new Set<string>();
  return {
    keys,
    has: async (key) => keys.has(key),
    add: async (key) => void keys.add(key),
    claim: async (key) => !keys.has(key) && Boolean(keys.add(key)),
    release: async (key) => void keys.delete(key),
  };
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
