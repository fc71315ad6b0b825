import { afterQuietHours, fromLocal, latestDigestSlot, spreadMinute, toLocal } from './local-time';

const paris = { timeZone: 'Europe/Paris', hour: 8, weekday: 1 };

describe('toLocal / fromLocal', () => {
  it('reads an instant on the wall clock of Paris, winter and summer', () => {
    expect(toLocal(new Date('2026-12-01T07:15:00Z'), 'Europe/Paris')).toMatchObject({
      hour: 8,
      minute: 15,
      weekday: 2,
    });
    expect(toLocal(new Date('2026-07-01T06:15:00Z'), 'Europe/Paris')).toMatchObject({ hour: 8, minute: 15 });
  });

  it('turns a wall-clock time back into the instant it names', () => {
    const at = fromLocal({ year: 2026, month: 12, day: 1, hour: 8, minute: 15 }, 'Europe/Paris');

    expect(at.toISOString()).toBe('2026-12-01T07:15:00.000Z');
  });

  it('takes the first of the two 02:30 of the autumn change', () => {
    expect(
      fromLocal({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  it('moves a time in the spring gap to just after it', () => {
    const at = fromLocal({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, 'Europe/Paris');

    expect(toLocal(at, 'Europe/Paris')).toMatchObject({ hour: 3, minute: 30 });
  });
});

describe('latestDigestSlot', () => {
  const key = 'alert-1';
  const minute = spreadMinute(key);

  it('keeps a daily digest at 08:mm in Paris on both sides of the autumn DST change', () => {
    const before = latestDigestSlot(paris, 'daily', new Date('2026-10-24T12:00:00Z'), key);
    const after = latestDigestSlot(paris, 'daily', new Date('2026-10-26T12:00:00Z'), key);

    expect(before.at.getUTCHours()).toBe(6);
    expect(after.at.getUTCHours()).toBe(7);
    for (const slot of [before, after]) {
      expect(toLocal(slot.at, 'Europe/Paris')).toMatchObject({ hour: 8, minute });
    }
    expect([before.window, after.window]).toEqual(['2026-10-24', '2026-10-26']);
  });

  it('gives the previous day before today’s hour has come', () => {
    const slot = latestDigestSlot(paris, 'daily', new Date('2026-12-01T06:00:00Z'), key);

    expect(slot.window).toBe('2026-11-30');
  });

  it('puts a weekly digest on the alert’s weekday, named by its ISO week', () => {
    const slot = latestDigestSlot(paris, 'weekly', new Date('2026-12-03T12:00:00Z'), key);

    expect(toLocal(slot.at, 'Europe/Paris')).toMatchObject({ weekday: 1, hour: 8 });
    expect(slot.window).toBe('2026-W49');
  });

  it('follows the candidate’s own zone', () => {
    const slot = latestDigestSlot(
      { timeZone: 'Pacific/Noumea', hour: 7, weekday: 1 },
      'daily',
      new Date('2026-12-01T12:00:00Z'),
      key,
    );

    expect(toLocal(slot.at, 'Pacific/Noumea')).toMatchObject({ hour: 7, day: 1 });
    expect(slot.at.toISOString().startsWith('2026-11-30T20:')).toBe(true);
  });

  it('spreads the alerts of one hour over its minutes', () => {
    const minutes = new Set(Array.from({ length: 200 }, (_, i) => spreadMinute(`alert-${i}`)));

    expect(minutes.size).toBeGreaterThan(40);
    expect([...minutes].every((m) => m >= 0 && m < 60)).toBe(true);
  });
});

describe('afterQuietHours', () => {
  const quiet = { start: 22, end: 7 };

  it('lets an e-mail due in the day go at once', () => {
    const due = new Date('2026-12-01T10:00:00Z');

    expect(afterQuietHours(due, 'Europe/Paris', quiet, 'c')).toBe(due);
  });

  it('holds an e-mail due at 23:00 until 07:mm the next morning', () => {
    const at = afterQuietHours(new Date('2026-12-01T22:00:00Z'), 'Europe/Paris', quiet, 'c');

    expect(toLocal(at, 'Europe/Paris')).toMatchObject({ day: 2, hour: 7, minute: spreadMinute('c') });
  });

  it('holds an e-mail due at 05:00 until 07:mm the same morning', () => {
    const at = afterQuietHours(new Date('2026-12-02T04:00:00Z'), 'Europe/Paris', quiet, 'c');

    expect(toLocal(at, 'Europe/Paris')).toMatchObject({ day: 2, hour: 7 });
  });
});
