import { erasesAt, retentionEnd, warnIfLastActiveBefore } from './retention-policy';

describe('retention policy', () => {
  it('keeps CVs two calendar years after the last activity', () => {
    expect(retentionEnd(new Date('2024-03-15T10:00:00Z')).toISOString()).toBe('2026-03-15T10:00:00.000Z');
  });

  it('warns those whose two years end within the next 30 days', () => {
    expect(warnIfLastActiveBefore(new Date('2026-01-01T00:00:00Z')).toISOString()).toBe(
      '2024-01-31T00:00:00.000Z',
    );
  });

  it('erases at the end of the retention, but never less than 30 days after the warning', () => {
    const lastActive = new Date('2024-01-10T09:00:00Z');
    expect(erasesAt(lastActive, new Date('2025-12-11T09:00:00Z')).toISOString()).toBe(
      '2026-01-10T09:00:00.000Z',
    );
    expect(erasesAt(lastActive, new Date('2026-05-01T00:00:00Z')).toISOString()).toBe(
      '2026-05-31T00:00:00.000Z',
    );
  });
});
