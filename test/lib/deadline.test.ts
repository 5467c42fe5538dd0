import { describe, expect, it } from 'vitest';
import { DeadlineError, createDeadline, noDeadline, shareOf, sleep } from '../../shared/lib/deadline.js';

describe('createDeadline', () => {
  it.each([
    { name: 'capped by the call limit', left: 60_000, cap: 10_000, reserve: 500, expected: 10_000 },
    { name: 'cut to the time left minus the reserve', left: 4_000, cap: 10_000, reserve: 500, expected: 3_500 },
    { name: 'never below the floor', left: 100, cap: 10_000, reserve: 500, expected: 1 },
  ])('timeoutMs is $name', ({ left, cap, reserve, expected }) => {
    // Prepare
    const deadline = createDeadline(() => left);

    // Act
    const ms = deadline.timeoutMs(cap, reserve);

    // Assess
    expect(ms).toBe(expected);
  });

  it('gives an already aborted signal when only the reserve is left', () => {
    // Prepare
    const deadline = createDeadline(() => 2_000);

    // Act
    const signal = deadline.signal(3_000);

    // Assess
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DeadlineError);
  });

  it('aborts the signal once the time left reaches the reserve', async () => {
    // Prepare
    const deadline = createDeadline(() => 3_020);

    // Act
    const signal = deadline.signal(3_000);
    const reason = await new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)));

    // Assess
    expect(reason).toBeInstanceOf(DeadlineError);
  });

  it('never aborts without a deadline', () => {
    expect(noDeadline.signal(10_000).aborted).toBe(false);
    expect(noDeadline.remainingMs()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('shareOf', () => {
  it('is the smaller of the share and the parent', () => {
    // Prepare
    let now = 1_000;
    const parent = createDeadline(() => 5_000 - (now - 1_000));

    // Act
    const share = shareOf(parent, 2_000, () => now);
    const atStart = share.remainingMs();
    now = 2_500;
    const later = share.remainingMs();

    // Assess
    expect(atStart).toBe(2_000);
    expect(later).toBe(500);
  });
});

describe('sleep', () => {
  it('rejects with the reason when the signal aborts', async () => {
    // Prepare
    const controller = new AbortController();

    // Act
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));

    // Assess
    await expect(waiting).rejects.toThrow('stop');
  });
});
