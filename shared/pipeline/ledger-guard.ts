/**
 * The ledger as one batch sees it: every call has a timeout from the
 * invocation's deadline, and the first failure marks the ledger down for
 * the rest of the batch, so later calls fail at once instead of each waiting
 * for its own timeout. The batch reads {@link GuardedLedger.failure} at the
 * end: alerts went out anyway, and the invocation fails so the platform
 * retries the bookkeeping.
 */
import { AuditResponderError, describeError } from '../errors.js';
import type { Deadline } from '../lib/deadline.js';
import type { Ledger } from '../store/ledger.js';

/** Longest single ledger call. */
const CALL_TIMEOUT_MS = 3_000;
/** A ledger call may take at most this part of the time left, so a hung ledger leaves time to alert. */
const CALL_SHARE = 0.25;
/** Time kept free after a ledger call. */
const RESERVE_MS = 500;

/** The ledger could not be read or written in this batch. */
export class LedgerUnavailableError extends AuditResponderError {
  readonly ledger: string;
  readonly reason: string;
  constructor(ledger: string, reason: string, options?: ErrorOptions) {
    super(`ledger ${ledger} unavailable: ${reason}`, options);
    this.name = 'LedgerUnavailableError';
    this.ledger = ledger;
    this.reason = reason;
  }
}

/** A {@link Ledger} that remembers its first failure. */
export interface GuardedLedger extends Ledger {
  /** The first failure of this batch, or `undefined`. */
  failure(): LedgerUnavailableError | undefined;
}

/** Guard `ledger` (named `name` in messages, e.g. its table) for one batch. */
export function guardLedger(ledger: Ledger, name: string, deadline: Deadline): GuardedLedger {
  let down: LedgerUnavailableError | undefined;
  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    if (down) throw down;
    const ms = Math.max(50, Math.min(CALL_TIMEOUT_MS, (deadline.remainingMs() - RESERVE_MS) * CALL_SHARE));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${operation} timed out after ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (error) {
      down ??= new LedgerUnavailableError(name, `${operation}: ${describeError(error)}`, { cause: error });
      throw down;
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    has: (key) => call('read', () => ledger.has(key)),
    add: (key) => call('write', () => ledger.add(key)),
    claim: (key) => call('claim', () => ledger.claim(key)),
    release: (key) => call('release', () => ledger.release(key)),
    acquire: (key, lease) => call('claim', () => ledger.acquire(key, lease)),
    complete: (key, owner, value) => call('write', () => ledger.complete(key, owner, value)),
    failure: () => down,
  };
}
