import { backoffDelay, BackoffPolicy, DEFAULT_BACKOFF, sleep } from './backoff';

const POLICY: BackoffPolicy = { initialMs: 100, maxMs: 1_000 };
const lowest = () => 0;
const highest = () => 0.999_999_999;

describe('backoffDelay', () => {
  it('waits between half of the initial delay and the initial delay on the first attempt', () => {
    expect(backoffDelay(1, POLICY, lowest)).toBe(50);
    expect(backoffDelay(1, POLICY, highest)).toBe(100);
  });

  it('doubles its ceiling with every attempt', () => {
    const ceilings = [1, 2, 3, 4].map((attempt) => backoffDelay(attempt, POLICY, highest));

    expect(ceilings).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the maximum, however many attempts were made', () => {
    for (const attempt of [5, 6, 10, 50, 1_000, 5_000]) {
      expect(backoffDelay(attempt, POLICY, highest)).toBe(1_000);
      expect(backoffDelay(attempt, POLICY, lowest)).toBe(500);
    }
  });

  it('spreads delays with the injected random source (full jitter on the upper half)', () => {
    expect(backoffDelay(3, POLICY, () => 0.5)).toBe(300);
    expect(backoffDelay(3, POLICY, () => 0.25)).toBe(250);
  });

  it('treats attempt 0 and negative attempts as the first one', () => {
    expect(backoffDelay(0, POLICY, highest)).toBe(100);
    expect(backoffDelay(-3, POLICY, highest)).toBe(100);
  });

  it('stays within its bounds with the default random source', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(POLICY.maxMs, POLICY.initialMs * 2 ** (attempt - 1));
      for (let i = 0; i < 20; i++) {
        const delay = backoffDelay(attempt, POLICY);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('uses the default policy (200 ms doubling up to 30 s) when none is given', () => {
    expect(backoffDelay(1, undefined, highest)).toBe(DEFAULT_BACKOFF.initialMs);
    expect(backoffDelay(30, undefined, highest)).toBe(DEFAULT_BACKOFF.maxMs);
  });
});

describe('sleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves once the delay has elapsed, not before', async () => {
    let done = false;
    const sleeping = sleep(1_000).then(() => (done = true));

    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
  });

  it('resolves early when its signal is aborted, and leaves no timer behind', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);

    controller.abort();
    await sleeping;

    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    await sleep(60_000, controller.signal);

    expect(jest.getTimerCount()).toBe(0);
  });
});
