import { previousParisWeek } from './paris-week';

describe('previousParisWeek', () => {
  it('is the Monday-to-Monday week before, in Paris time (winter, UTC+1)', () => {
    expect(previousParisWeek(new Date('2026-11-30T06:00:00.000Z'))).toEqual({
      weekStart: '2026-11-23',
      from: new Date('2026-11-22T23:00:00.000Z'),
      to: new Date('2026-11-29T23:00:00.000Z'),
    });
  });

  it('takes the Paris date, not the UTC one: Sunday 23:30 UTC is already Monday in Paris', () => {
    expect(previousParisWeek(new Date('2026-11-29T23:30:00.000Z')).weekStart).toBe('2026-11-23');
    expect(previousParisWeek(new Date('2026-11-29T22:30:00.000Z')).weekStart).toBe('2026-11-16');
  });

  it('spans the change to summer time (a week of 167 hours) with the right offsets', () => {
    const week = previousParisWeek(new Date('2026-04-01T12:00:00.000Z'));
    expect(week.weekStart).toBe('2026-03-23');
    expect(week.from.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});
