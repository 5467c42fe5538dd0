import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryBudget, retryDelayMs } from '../../shared/notifiers/retry-policy.js';

const noJitter = () => 0;
const fullJitter = () => 0.999;

describe('retryDelayMs', () => {
  it.each([
    { name: 'missing retry_after, first retry', retry: 1, retryAfter: undefined, expected: 1_000 },
    { name: 'zero retry_after, second retry', retry: 2, retryAfter: 0, expected: 2_000 },
    { name: 'negative retry_after, third retry', retry: 3, retryAfter: -5, expected: 4_000 },
    { name: 'NaN retry_after', retry: 1, retryAfter: Number.NaN, expected: 1_000 },
    { name: 'backoff capped', retry: 20, retryAfter: undefined, expected: 30_000 },
    { name: 'a positive retry_after honoured', retry: 1, retryAfter: 7, expected: 7_000 },
  ])('waits the floor with backoff: $name', ({ retry, retryAfter, expected }) => {
    expect(retryDelayMs(retry, DEFAULT_RETRY_POLICY, retryAfter, noJitter)).toBe(expected);
  });

  it('adds at most half the backoff as jitter, and never goes under the floor', () => {
    // Act
    const low = retryDelayMs(1, DEFAULT_RETRY_POLICY, 0, noJitter);
    const high = retryDelayMs(1, DEFAULT_RETRY_POLICY, 0, fullJitter);
    const tiny = retryDelayMs(1, DEFAULT_RETRY_POLICY, 0.01, noJitter);

    // Assess
    expect(low).toBe(1_000);
    expect(high).toBeGreaterThan(1_000);
    expect(high).toBeLessThanOrEqual(1_500);
    expect(tiny).toBe(1_000);
  });
});

describe('retryBudget', () => {
  it('gives out exactly its retries', () => {
    // Prepare
    const budget = retryBudget(2);

    // Act
    const taken = [budget.take(), budget.take(), budget.take()];

    // Assess
    expect(taken).toEqual([true, true, false]);
    expect(budget.left).toBe(0);
  });
});
