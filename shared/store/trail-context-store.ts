/**
 * Trail context kept in the ledger, so what one invocation learned from a
 * `CreateTrail` / `UpdateTrail` is known to the next (a lifecycle rule on
 * the trail bucket in a later log object is still recognised).
 *
 * The ledger has write-once leased entries and no listing, so the context
 * is an append-only chain `trail-context:0`, `trail-context:1`, …: each
 * entry is completed once with one {@link TrailInfo}; readers walk the
 * chain until the first missing entry. Writers claim the next free index
 * with `acquire` (conditional), so concurrent invocations never overwrite
 * each other. Trails change rarely, so the chain stays short; a batch costs
 * one read when nothing changed.
 *
 * Optionally, at the first sync (cold start) the trails themselves are read
 * with `cloudtrail:DescribeTrails` (config `tampering.describeTrails: true`).
 */
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { TrailInfo, TrailRegistry } from '../rules/lib/trail-context.js';
import type { JsonValue } from '../types.js';
import type { Ledger } from './ledger.js';

const PREFIX = 'trail-context:';
const MAX_ENTRIES = 500;
const LEASE = { owner: 'trail-context', leaseMs: 60_000 } as const;

/** Per registry: the next chain index to read, and what was already written. */
interface SyncState {
  next: number;
  written: Set<string>;
  described: boolean;
}
const states = new WeakMap<TrailRegistry, SyncState>();

const fingerprint = (t: TrailInfo) => JSON.stringify(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));

function asTrail(value: JsonValue | undefined): TrailInfo | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, JsonValue>;
  return (v.cloud === 'aws' || v.cloud === 'yandex') && typeof v.name === 'string' ? (v as unknown as TrailInfo) : undefined;
}

/** Read chain entries from `state.next` on into the registry. */
async function readNew(ledger: Ledger, registry: TrailRegistry, state: SyncState): Promise<void> {
  while (state.next < MAX_ENTRIES && (await ledger.has(`${PREFIX}${state.next}`))) {
    const found = await ledger.acquire(`${PREFIX}${state.next}`, LEASE);
    const trail = found.state === 'completed' ? asTrail(found.value) : undefined;
    if (trail) state.written.add(fingerprint(registry.add(trail)));
    state.next += 1;
  }
}

/** Append one trail at the next free index. */
async function append(ledger: Ledger, trail: TrailInfo, state: SyncState): Promise<void> {
  for (; state.next < MAX_ENTRIES; state.next += 1) {
    const key = `${PREFIX}${state.next}`;
    const got = await ledger.acquire(key, LEASE);
    if (got.state !== 'claimed') continue;
    await ledger.complete(key, LEASE.owner, { ...trail } as unknown as JsonValue);
    state.next += 1;
    return;
  }
}

/** What a sync may also use. */
export interface TrailSyncOptions {
  /** Read the account's trails (DescribeTrails); called once per registry. */
  readonly describe?: () => Promise<readonly TrailInfo[]>;
}

/**
 * Bring the registry and the ledger in line: read what other invocations
 * appended, then append what this one learned. Never throws (the context
 * is an aid: failures are logged, detection goes on with what is known).
 */
export async function syncTrailContext(ledger: Ledger, registry: TrailRegistry, logger: Logger, options: TrailSyncOptions = {}): Promise<void> {
  // Trails present before the first sync come from config: they are not written to the ledger.
  const state = states.get(registry) ?? { next: 0, written: new Set(registry.all().map(fingerprint)), described: false };
  states.set(registry, state);
  try {
    if (options.describe && !state.described) {
      state.described = true;
      for (const trail of await options.describe()) state.written.add(fingerprint(registry.add(trail)));
    }
    await readNew(ledger, registry, state);
    for (const trail of registry.all()) {
      const print = fingerprint(trail);
      if (state.written.has(print)) continue;
      await append(ledger, trail, state);
      state.written.add(print);
    }
  } catch (error) {
    logger.log('warn', 'trail context sync failed', { reason: describeError(error) });
  }
}
