/**
 * The time budget of one invocation. Every external call takes its timeout
 * and its abort signal from here, so nothing waits past the moment the
 * platform would kill the process, and each step can keep time for the
 * steps after it (notifying, logging).
 *
 * @example
 * ```ts
 * const deadline = createDeadline(() => context.getRemainingTimeInMillis());
 * await client.send(command, { abortSignal: deadline.signal(2_000) });
 * ```
 */

/** Milliseconds left, and signals that fire when only a reserve is left. */
export interface Deadline {
  /** Milliseconds left in the invocation (`Infinity` without a deadline). */
  remainingMs(): number;
  /**
   * A signal that aborts when only `reserveMs` are left (at once when fewer
   * are left already). Without a deadline it never aborts.
   */
  signal(reserveMs?: number): AbortSignal;
  /** `min(capMs, remainingMs() - reserveMs)`, at least `floorMs`: a timeout for one call. */
  timeoutMs(capMs: number, reserveMs?: number, floorMs?: number): number;
}

/** A signal that never aborts. */
const NEVER: AbortSignal = new AbortController().signal;

/** A deadline over a clock of remaining milliseconds (e.g. `getRemainingTimeInMillis`). */
export function createDeadline(remainingMs: () => number = () => Number.POSITIVE_INFINITY): Deadline {
  const left = () => {
    const ms = remainingMs();
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  };
  return {
    remainingMs: left,
    signal(reserveMs = 0) {
      const ms = left() - reserveMs;
      if (ms === Number.POSITIVE_INFINITY) return NEVER;
      if (ms <= 0) return AbortSignal.abort(new DeadlineError(reserveMs));
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new DeadlineError(reserveMs)), ms);
      timer.unref?.();
      return controller.signal;
    },
    timeoutMs(capMs, reserveMs = 0, floorMs = 1) {
      return Math.max(floorMs, Math.min(capMs, left() - reserveMs));
    },
  };
}

/**
 * A share of `parent`: at most `budgetMs` from now, never past the parent.
 * For giving each of several destinations its own budget.
 */
export function shareOf(parent: Deadline, budgetMs: number, now: () => number = Date.now): Deadline {
  if (budgetMs === Number.POSITIVE_INFINITY) return parent;
  const end = now() + budgetMs;
  return createDeadline(() => Math.min(parent.remainingMs(), end - now()));
}

/** No deadline: local runs and tests. */
export const noDeadline: Deadline = createDeadline();

/** The reason a deadline signal aborts with. */
export class DeadlineError extends Error {
  /** The reserve that was reached. */
  readonly reserveMs: number;
  constructor(reserveMs: number) {
    super(reserveMs > 0 ? `time budget spent (${reserveMs} ms kept for what follows)` : 'invocation deadline reached');
    this.name = 'DeadlineError';
    this.reserveMs = reserveMs;
  }
}

/** A signal that aborts when any of `signals` does. */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const live = signals.filter((s) => s !== NEVER);
  if (live.length === 0) return NEVER;
  if (live.length === 1) return live[0] as AbortSignal;
  return AbortSignal.any(live);
}

/** Wait `ms`, or reject with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal = NEVER): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
