/**
 * Bounded retry, written once for every medium: how long to wait before the
 * next attempt, how many attempts one message gets, and how many retries a
 * whole batch may spend. A `429` without a usable `retry_after` (missing,
 * zero, negative) waits a floor with exponential backoff and jitter, so a
 * misbehaving server can never be hammered in a loop.
 */

/** The limits of retrying one batch on one medium. */
export interface RetryPolicy {
  /** Attempts per message, the first included. @default 3 */
  readonly maxAttempts: number;
  /** Retries the whole batch may spend, across messages and destinations. @default 8 */
  readonly batchRetries: number;
  /** Shortest wait before a retry. @default 1000 */
  readonly floorMs: number;
  /** Longest backoff wait (a server's own `retry_after` may ask for more). @default 30000 */
  readonly maxBackoffMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, batchRetries: 8, floorMs: 1_000, maxBackoffMs: 30_000 };

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry).
 * A positive `retryAfterSeconds` from the server is honoured (plus up to 10 %
 * jitter); otherwise `floorMs · 2^(retry-1)`, capped, with up to 50 % jitter.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, retryAfterSeconds?: number, random: () => number = Math.random): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
    const asked = retryAfterSeconds * 1000;
    return Math.round(Math.max(policy.floorMs, asked) * (1 + 0.1 * random()));
  }
  const base = Math.min(policy.maxBackoffMs, policy.floorMs * 2 ** Math.max(0, retry - 1));
  return Math.round(base * (1 + 0.5 * random()));
}

/** A shared count of retries left for one batch. */
export interface RetryBudget {
  /** Take one retry; `false` when the batch has spent its budget. */
  take(): boolean;
  /** Retries left. */
  readonly left: number;
}

/** A budget of `retries` retries. */
export function retryBudget(retries: number): RetryBudget {
  let left = retries;
  return {
    take() {
      if (left <= 0) return false;
      left -= 1;
      return true;
    },
    get left() {
      return left;
    },
  };
}
