import { FakeClock, SystemClock } from './clock';

describe('FakeClock', () => {
  it('stands still until it is moved', () => {
    const sut = new FakeClock('2026-03-29T00:30:00Z');
    expect(sut.now().toISOString()).toBe('2026-03-29T00:30:00.000Z');
    sut.advance(90 * 60_000);
    expect(sut.now().toISOString()).toBe('2026-03-29T02:00:00.000Z');
    sut.set('2027-01-01T00:00:00Z');
    expect(sut.nowMs()).toBe(Date.parse('2027-01-01T00:00:00Z'));
  });
});

describe('SystemClock', () => {
  it('reads the system time', () => {
    const before = Date.now();
    const now = new SystemClock().nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
