import { describe, expect, it } from 'vitest';
import { noDeadline } from '../../shared/lib/deadline.js';
import { LedgerUnavailableError, guardLedger } from '../../shared/pipeline/ledger-guard.js';
import { type Ledger, memoryLedger } from '../../shared/store/ledger.js';

function countingBroken(): Ledger & { calls: number } {
  const ledger = {
    calls: 0,
    fail: async (): Promise<never> => {
      ledger.calls += 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:8000');
    },
  };
  return Object.assign(ledger, {
    has: ledger.fail, add: ledger.fail, claim: ledger.fail, release: ledger.fail, acquire: ledger.fail, complete: ledger.fail,
  });
}

describe('guardLedger', () => {
  it('passes calls through while the ledger works', async () => {
    // Prepare
    const guarded = guardLedger(memoryLedger(), 'table t', noDeadline);

    // Act
    const first = await guarded.acquire('k', { owner: 'a', leaseMs: 1_000 });
    await guarded.complete('k', 'a');
    const second = await guarded.acquire('k', { owner: 'b', leaseMs: 1_000 });

    // Assess
    expect(first.state).toBe('claimed');
    expect(second.state).toBe('completed');
    expect(guarded.failure()).toBeUndefined();
  });

  it('remembers the first failure, names the ledger, and fails later calls without calling it', async () => {
    // Prepare
    const broken = countingBroken();
    const guarded = guardLedger(broken, 'DynamoDB table audit-ledger', noDeadline);

    // Act
    const first = await guarded.acquire('a', { owner: 'x', leaseMs: 1 }).catch((e: unknown) => e);
    const second = await guarded.complete('b', 'x').catch((e: unknown) => e);

    // Assess
    expect(first).toBeInstanceOf(LedgerUnavailableError);
    expect(second).toBe(first);
    expect(broken.calls).toBe(1);
    expect(guarded.failure()?.message).toBe('ledger DynamoDB table audit-ledger unavailable: claim: connect ECONNREFUSED 127.0.0.1:8000');
  });

  it('times out a call that never answers', async () => {
    // Prepare
    const hung: Ledger = { ...memoryLedger(), acquire: () => new Promise(() => {}) };
    const guarded = guardLedger(hung, 'table t', { remainingMs: () => 600, signal: noDeadline.signal, timeoutMs: (cap, reserve = 0, floor = 1) => Math.max(floor, Math.min(cap, 600 - reserve)) });

    // Act
    const error = await guarded.acquire('k', { owner: 'a', leaseMs: 1 }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(LedgerUnavailableError);
    expect((error as Error).message).toMatch(/timed out/);
  });
});
