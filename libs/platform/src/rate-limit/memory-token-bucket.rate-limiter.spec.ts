import { FakeClock } from '@vigie/kernel';
import { MemoryTokenBucketRateLimiter } from './memory-token-bucket.rate-limiter';

function newTestService(settings = { burst: 3, perMinute: 60, maxKeys: 100 }) {
  const clock = new FakeClock();
  return { sut: new MemoryTokenBucketRateLimiter(settings, clock), clock };
}

describe('MemoryTokenBucketRateLimiter', () => {
  it('allows a burst, then refuses and says when the next request is allowed', () => {
    const { sut } = newTestService();

    expect([sut.take('k'), sut.take('k'), sut.take('k')]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    expect(sut.take('k')).toEqual({ allowed: false, retryAfterMs: 1_000 });
  });

  it('refills at the sustained rate, never above the burst', () => {
    const { sut, clock } = newTestService();
    for (let i = 0; i < 3; i++) sut.take('k');

    clock.advance(1_000);
    expect(sut.take('k')).toEqual({ allowed: true });
    expect(sut.take('k').allowed).toBe(false);

    clock.advance(3_600_000);
    expect([1, 2, 3, 4].map(() => sut.take('k').allowed)).toEqual([true, true, true, false]);
  });

  it('keeps one budget per key', () => {
    const { sut } = newTestService({ burst: 1, perMinute: 1, maxKeys: 100 });

    expect(sut.take('a').allowed).toBe(true);
    expect(sut.take('a').allowed).toBe(false);
    expect(sut.take('b').allowed).toBe(true);
  });

  it('forgets the least recently used key beyond maxKeys (it starts again with a full bucket)', () => {
    const { sut } = newTestService({ burst: 1, perMinute: 1, maxKeys: 2 });
    sut.take('a');
    sut.take('b');
    sut.take('c');

    expect(sut.take('a').allowed).toBe(true);
    expect(sut.take('c').allowed).toBe(false);
  });

  it('waits a partial token out: retry-after shrinks as time passes', () => {
    const { sut, clock } = newTestService({ burst: 1, perMinute: 6, maxKeys: 10 });
    sut.take('k');

    clock.advance(4_000);
    expect(sut.take('k')).toEqual({ allowed: false, retryAfterMs: 6_000 });
  });
});
