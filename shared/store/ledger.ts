/**
 * The ledger: the durable record of what the responder already did for a
 * finding — the messages delivered per destination, the remediations claimed
 * and completed (and, later, approvals). A retried or concurrent delivery of
 * the same log object reads it to send and act exactly once.
 *
 * Two kinds of entry:
 * - a plain marker (`add` / `has` / `claim` / `release`): present or not;
 * - a leased entry (`acquire` → work → `complete`): claimed by one owner for a
 *   short lease, then completed with a value. A claim whose lease ran out
 *   without completion (the claimant crashed) can be taken over; a completed
 *   entry reports its value to everyone after.
 *
 * Implementations: {@link memoryLedger} here (local runs, tests) and
 * `dynamoLedger` in `./dynamodb-ledger.ts` (DynamoDB, Yandex Database).
 */
import type { JsonValue } from '../types.js';

/** Who claims a leased entry and for how long. */
export interface Lease {
  /** The claimant: one id per invocation (e.g. the request id). */
  readonly owner: string;
  /** How long the claim holds without completion. */
  readonly leaseMs: number;
}

/** What {@link Ledger.acquire} found. */
export type AcquireResult =
  /** The caller holds the entry now: new, taken over from an expired lease, or already its own. */
  | { readonly state: 'claimed'; readonly takenOver: boolean }
  /** Someone completed it: their recorded value and when. */
  | { readonly state: 'completed'; readonly at: string; readonly value?: JsonValue }
  /** Another owner holds a live lease until `expiresAt` (epoch ms). */
  | { readonly state: 'held'; readonly owner: string; readonly expiresAt: number };

/** The record of deliveries, remediation claims and approvals. */
export interface Ledger {
  /** What it is, for log lines (`dynamodb:audit-responder-ledger`, `memory`). */
  readonly name?: string;
  /** Whether a marker or a completed leased entry exists. */
  has(key: string): Promise<boolean>;
  /** Record a marker (no-op when present). */
  add(key: string): Promise<void>;
  /** Write a marker only if absent; `true` when this call created it. */
  claim(key: string): Promise<boolean>;
  /** Remove an entry of any kind. */
  release(key: string): Promise<void>;
  /** Claim a leased entry (see {@link AcquireResult}). */
  acquire(key: string, lease: Lease): Promise<AcquireResult>;
  /** Mark a leased entry completed with its value (e.g. a remediation outcome). */
  complete(key: string, owner: string, value?: JsonValue): Promise<void>;
}

interface MemoryEntry {
  owner?: string;
  expiresAt?: number;
  doneAt?: string;
  value?: JsonValue;
}

/**
 * A ledger that lives as long as the process (local runs, tests). `keys`
 * holds every present entry; deleting from it forgets the entry (tests use
 * that to simulate a lost write).
 */
export function memoryLedger(now: () => number = Date.now): Ledger & { readonly keys: Set<string> } {
  const keys = new Set<string>();
  const leases = new Map<string, MemoryEntry>();
  const entry = (key: string): MemoryEntry | undefined => (keys.has(key) ? (leases.get(key) ?? {}) : undefined);
  const done = (e: MemoryEntry | undefined) => e !== undefined && (e.doneAt !== undefined || e.owner === undefined);
  const put = (key: string, e: MemoryEntry) => {
    keys.add(key);
    leases.set(key, e);
  };
  return {
    name: 'memory',
    keys,
    has: async (key) => done(entry(key)),
    add: async (key) => {
      if (!keys.has(key)) put(key, {});
    },
    claim: async (key) => {
      if (keys.has(key)) return false;
      put(key, {});
      return true;
    },
    release: async (key) => {
      keys.delete(key);
      leases.delete(key);
    },
    acquire: async (key, lease) => {
      const e = entry(key);
      if (e && done(e)) return { state: 'completed', at: e.doneAt ?? '', ...(e.value !== undefined ? { value: e.value } : {}) };
      if (e?.owner !== undefined && e.owner !== lease.owner && (e.expiresAt ?? 0) > now()) {
        return { state: 'held', owner: e.owner, expiresAt: e.expiresAt ?? 0 };
      }
      put(key, { owner: lease.owner, expiresAt: now() + lease.leaseMs });
      return { state: 'claimed', takenOver: e !== undefined && e.owner !== lease.owner };
    },
    complete: async (key, owner, value) => {
      put(key, { owner, doneAt: new Date(now()).toISOString(), ...(value !== undefined ? { value } : {}) });
    },
  };
}
