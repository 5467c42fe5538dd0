/**
 * The scheduled side of the silence alarm (dead-man switch): for each
 * watched prefix, is there an arrival within `maxSilenceMinutes`? First the
 * ledger's arrival marks; when there are none, the newest object under the
 * prefix. A prefix that goes silent alerts once (a `silent` marker is
 * claimed); when objects arrive again it alerts once more (the marker is
 * released). A healthy prefix never alerts.
 */
import type { Ledger } from '../store/ledger.js';
import type { NewestObject } from './newest-object.js';
import { seenKey, silentKey, slotsWithin } from './slots.js';

/** The `heartbeat:` config block. */
export interface HeartbeatConfig {
  readonly maxSilenceMinutes: number;
  readonly prefixes: readonly string[];
}

/** One alarm transition. */
export interface HeartbeatAlert {
  readonly prefix: string;
  readonly kind: 'silent' | 'resumed';
  /** When the last object arrived, when known. */
  readonly lastSeen?: string;
  readonly maxSilenceMinutes: number;
}

/** What a check needs. */
export interface CheckDeps {
  readonly ledger: Ledger;
  readonly newest?: NewestObject;
  readonly now?: number;
}

/** The newest arrival of `prefix` within the window, from the ledger, else the listing. */
async function lastArrival(prefix: string, config: HeartbeatConfig, deps: CheckDeps, now: number): Promise<{ recent: boolean; lastSeen?: string }> {
  for (const start of slotsWithin(now, config.maxSilenceMinutes)) {
    if (await deps.ledger.has(seenKey(prefix, start))) return { recent: true, lastSeen: new Date(start).toISOString() };
  }
  const newest = deps.newest ? await deps.newest(prefix) : undefined;
  if (!newest) return { recent: false };
  return { recent: now - newest.getTime() <= config.maxSilenceMinutes * 60_000, lastSeen: newest.toISOString() };
}

/** Check every prefix; returns the transitions to alert on (at most one per prefix). */
export async function checkSilence(config: HeartbeatConfig, deps: CheckDeps): Promise<HeartbeatAlert[]> {
  const now = deps.now ?? Date.now();
  const alerts: HeartbeatAlert[] = [];
  for (const prefix of config.prefixes) {
    const { recent, lastSeen } = await lastArrival(prefix, config, deps, now);
    const key = silentKey(prefix);
    const base = { prefix, maxSilenceMinutes: config.maxSilenceMinutes, ...(lastSeen ? { lastSeen } : {}) };
    if (!recent) {
      if (await deps.ledger.claim(key)) alerts.push({ ...base, kind: 'silent' });
    } else if (await deps.ledger.has(key)) {
      await deps.ledger.release(key);
      alerts.push({ ...base, kind: 'resumed' });
    }
  }
  return alerts;
}
