import { describe, expect, it } from 'vitest';
import { claimDeliveries } from '../../shared/notifiers/delivery.js';
import type { NotifyContext } from '../../shared/notifiers/notifier.js';
import { type Ledger, memoryLedger } from '../../shared/store/ledger.js';
import { bucketFinding, sgFinding } from '../helpers/findings.js';

const keyOf = (f: { dedupKey: string }) => `test:${f.dedupKey}`;
const context = (ledger: Ledger, owner: string, remainingMs = 60_000): NotifyContext => ({ remainingMs: () => remainingMs, ledger, owner });

describe('claimDeliveries', () => {
  it('claims new findings, skips completed ones, and records a delivery once sent', async () => {
    // Prepare
    const ledger = memoryLedger();
    const [a, b] = [sgFinding(), bucketFinding()];
    await ledger.complete(keyOf(b), 'earlier');

    // Act
    const claims = await claimDeliveries([a, b], keyOf, context(ledger, 'me'));
    await claims.sent(claims.fresh);
    const again = await claimDeliveries([a, b], keyOf, context(ledger, 'other'));

    // Assess
    expect(claims.fresh).toEqual([a]);
    expect(claims.alreadySent).toBe(1);
    expect(again.fresh).toEqual([]);
    expect(again.alreadySent).toBe(2);
  });

  it('waits for a concurrent invocation holding the claim, then counts its delivery', async () => {
    // Prepare
    const ledger = memoryLedger();
    const finding = sgFinding();
    await ledger.acquire(keyOf(finding), { owner: 'first', leaseMs: 60_000 });
    setTimeout(() => void ledger.complete(keyOf(finding), 'first'), 300);

    // Act
    const claims = await claimDeliveries([finding], keyOf, context(ledger, 'second'));

    // Assess
    expect(claims.fresh).toEqual([]);
    expect(claims.alreadySent).toBe(1);
    expect(claims.pending).toBe(0);
  });

  it('sends its own claims at once, without waiting on a peer that holds the others', async () => {
    // Prepare: two invocations each hold part of the findings for one destination
    const ledger = memoryLedger();
    const [a, b] = [sgFinding(), bucketFinding()];
    await ledger.acquire(keyOf(a), { owner: 'first', leaseMs: 60_000 });
    await ledger.acquire(keyOf(b), { owner: 'second', leaseMs: 60_000 });

    // Act: with a minute left, waiting on each other would never end before the test's timeout
    const [first, second] = await Promise.all([
      claimDeliveries([a, b], keyOf, context(ledger, 'first')),
      claimDeliveries([a, b], keyOf, context(ledger, 'second')),
    ]);

    // Assess
    expect(first.fresh).toEqual([a]);
    expect(first.pending).toBe(1);
    expect(second.fresh).toEqual([b]);
    expect(second.pending).toBe(1);
  }, 2_000);

  it('reports a finding still held when no time is left to wait', async () => {
    // Prepare
    const ledger = memoryLedger();
    const finding = sgFinding();
    await ledger.acquire(keyOf(finding), { owner: 'first', leaseMs: 60_000 });

    // Act
    const claims = await claimDeliveries([finding], keyOf, context(ledger, 'second', 1_000));

    // Assess
    expect(claims.fresh).toEqual([]);
    expect(claims.pending).toBe(1);
  });

  it('sends anyway when the ledger fails, and never throws from sent/unsent', async () => {
    // Prepare
    const down = new Error('connect ECONNREFUSED');
    const broken: Ledger = {
      has: async () => Promise.reject(down),
      add: async () => Promise.reject(down),
      claim: async () => Promise.reject(down),
      release: async () => Promise.reject(down),
      acquire: async () => Promise.reject(down),
      complete: async () => Promise.reject(down),
    };
    const findings = [sgFinding(), bucketFinding()];

    // Act
    const claims = await claimDeliveries(findings, keyOf, context(broken, 'me'));
    await claims.sent(findings.slice(0, 1));
    await claims.unsent(findings.slice(1));

    // Assess
    expect(claims.fresh).toEqual(findings);
  });

  it('gives back the claims of findings that were not delivered', async () => {
    // Prepare
    const ledger = memoryLedger();
    const finding = sgFinding();
    const first = await claimDeliveries([finding], keyOf, context(ledger, 'me'));

    // Act
    await first.unsent(first.fresh);
    const retry = await claimDeliveries([finding], keyOf, context(ledger, 'someone-else'));

    // Assess
    expect(retry.fresh).toEqual([finding]);
  });
});
