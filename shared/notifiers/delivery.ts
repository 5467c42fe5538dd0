/**
 * The per-destination "already sent?" check, written once for every
 * notifier. Each finding gets a leased ledger entry per destination:
 * claim (short lease) → send → complete. Two invocations handling the same
 * object at once send each finding once: one that claimed nothing for a
 * destination waits for the holder to complete (or for its lease to run out,
 * when it died); one that claimed part of them sends that part at once and
 * reports the rest as pending (never waiting on a peer that may wait on it). A crash between
 * sending and completing repeats at most that one message.
 *
 * When the ledger cannot be read or written the finding is sent anyway (a
 * duplicate is better than silence); the ledger itself remembers the failure
 * so the batch can report it and be retried.
 */
import { sleep } from '../lib/deadline.js';
import type { Finding } from '../types.js';
import { type NotifyContext, deadlineOf } from './notifier.js';

/** What {@link claimDeliveries} decided for one destination. */
export interface DeliveryClaims {
  /** Findings this invocation must send now (claimed, or unknown because the ledger failed). */
  readonly fresh: readonly Finding[];
  /** Findings an earlier or concurrent delivery already sent to this destination. */
  readonly alreadySent: number;
  /** Findings another invocation still holds when the time to wait ran out. */
  readonly pending: number;
  /** Record a delivered message's findings as sent. Never throws. */
  sent(findings: readonly Finding[]): Promise<void>;
  /** Give back the claims of findings that could not be delivered. Never throws. */
  unsent(findings: readonly Finding[]): Promise<void>;
}

/** Longest lease on one delivery: the time one destination may take to send. */
const MAX_LEASE_MS = 120_000;
/** How often a finding held by another invocation is looked at again. */
const POLL_MS = 250;
/** Time kept free after waiting for another invocation. */
const WAIT_RESERVE_MS = 3_000;
/** Ledger calls in flight at once for one destination. */
const CONCURRENCY = 16;

/** `run` over every item with at most `limit` at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The lease of a claim: until this invocation can no longer send, at most {@link MAX_LEASE_MS}. */
function leaseMs(context: NotifyContext): number {
  return Math.max(5_000, Math.min(MAX_LEASE_MS, deadlineOf(context).remainingMs() + 1_000));
}

/**
 * Claim each finding for one destination, keyed by `keyOf` (which names the
 * destination), and return what to send.
 */
export async function claimDeliveries(
  findings: readonly Finding[],
  keyOf: (finding: Finding) => string,
  context: NotifyContext,
): Promise<DeliveryClaims> {
  const owner = context.owner ?? 'local';
  const deadline = deadlineOf(context);
  const lease = { owner, leaseMs: leaseMs(context) };
  const fresh: Finding[] = [];
  const claimed = new Set<string>();
  let alreadySent = 0;
  let pending = 0;
  const claim = async (finding: Finding): Promise<'claimed' | 'completed' | 'held' | 'unknown'> => {
    try {
      return (await context.ledger.acquire(keyOf(finding), lease)).state;
    } catch {
      return 'unknown'; // the ledger is down: send anyway
    }
  };
  const states = await mapLimit(findings, CONCURRENCY, claim);
  // Wait for another invocation only while holding no claim here: two invocations that each
  // claimed part of the findings would otherwise wait for each other until the deadline
  // (the holder sends its part; the rest is `pending`, and the platform's retry sees it sent).
  if (!states.includes('claimed')) {
    const held = states.flatMap((state, index) => (state === 'held' ? [index] : []));
    await mapLimit(held, CONCURRENCY, async (index) => {
      let state: 'claimed' | 'completed' | 'held' | 'unknown' = 'held';
      while (state === 'held' && deadline.remainingMs() >= WAIT_RESERVE_MS + POLL_MS) {
        await sleep(POLL_MS);
        state = await claim(findings[index] as Finding);
      }
      states[index] = state;
    });
  }
  findings.forEach((finding, index) => {
    const state = states[index];
    if (state === 'completed') alreadySent += 1;
    else if (state === 'held') pending += 1;
    else {
      fresh.push(finding);
      if (state === 'claimed') claimed.add(keyOf(finding));
    }
  });
  return {
    fresh,
    alreadySent,
    pending,
    async sent(done) {
      await mapLimit(done, CONCURRENCY, (finding) => context.ledger.complete(keyOf(finding), owner).catch(() => undefined));
    },
    async unsent(failed) {
      const mine = failed.filter((finding) => claimed.has(keyOf(finding)));
      await mapLimit(mine, CONCURRENCY, (finding) => context.ledger.release(keyOf(finding)).catch(() => undefined));
    },
  };
}
