/**
 * The object handler's side of the silence alarm: mark the arrival slot of
 * an object for each watched prefix it falls under. Never throws (a failed
 * mark is logged; the alarm may then fire late, never the batch fail).
 */
import { describeError } from '../errors.js';
import type { ObjectRef } from '../io/object-ref.js';
import type { Logger } from '../log.js';
import type { Ledger } from '../store/ledger.js';
import { prefixesOf, seenKey, slotStart } from './slots.js';

/** What the handler needs to know of the `heartbeat:` config. */
export interface HeartbeatWatch {
  readonly prefixes: readonly string[];
}

/** Mark `ref`'s arrival (one conditional write per matching prefix; normally one). */
export async function recordArrival(ledger: Ledger, ref: ObjectRef, watch: HeartbeatWatch, logger: Logger, now = Date.now()): Promise<void> {
  for (const prefix of prefixesOf(ref.bucket, ref.key, watch.prefixes)) {
    try {
      await ledger.claim(seenKey(prefix, slotStart(now)));
    } catch (error) {
      logger.log('warn', 'heartbeat mark failed', { prefix, reason: describeError(error) });
    }
  }
}
