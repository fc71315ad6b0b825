import { MatchCreatedV2, SearchCriteriaSchema, TOPICS } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import type { ProjectedAlert } from '../projection/alert-projection.port';
import type { PendingMatch } from '../projection/pending-matches.port';
import { dueEmail, wavesOf } from './due-emails';

const SETTINGS = { groupWindowMs: 120_000, quietHours: { start: 22, end: 7 } };
const fixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');
const ALERT: ProjectedAlert = {
  alertId: 'a1',
  candidateId: 'c1',
  version: 1,
  status: 'active',
  frequency: 'instant',
  schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
  snoozedUntil: null,
  email: 'camille@example.org',
  criteria: SearchCriteriaSchema.parse({ q: 'soudeur' }),
};

const waiting = (
  matchId: string,
  receivedAt: string,
  frequency: PendingMatch['frequency'],
): PendingMatch => ({
  matchId,
  candidateId: 'c1',
  alertId: 'a1',
  offerId: fixture.offerId,
  clusterId: null,
  frequency,
  matchedAt: new Date(receivedAt),
  receivedAt: new Date(receivedAt),
  offer: fixture.offer,
  explanation: fixture.explanation,
});

describe('wavesOf', () => {
  it('puts at most one e-mail of a candidate in each wave, in the order they came', () => {
    const waves = wavesOf(
      [
        { alertId: 'a1', candidateId: 'c1' },
        { alertId: 'a2', candidateId: 'c2' },
        { alertId: 'a3', candidateId: 'c1' },
      ],
      [{ alertId: 'a4', candidateId: 'c1' }],
    );
    expect(waves.map((w) => w.map((i) => `${i.kind}:${i.alertId}`))).toEqual([
      ['instant:a1', 'instant:a2'],
      ['instant:a3'],
      ['digest:a4'],
    ]);
  });
});

describe('dueEmail', () => {
  const alert = ALERT;
  const item = { kind: 'instant', alertId: 'a1', candidateId: 'c1' } as const;

  it('waits for the window after the first instant match, then names the group by it', () => {
    const pending = [
      waiting('m1', '2026-12-01T10:00:00Z', 'instant'),
      waiting('m2', '2026-12-01T10:01:00Z', 'instant'),
    ];
    expect(dueEmail(item, alert, pending, new Date('2026-12-01T10:01:59Z'), SETTINGS)).toBe('not_due');
    expect(dueEmail(item, alert, pending, new Date('2026-12-01T10:02:00Z'), SETTINGS)).toEqual({
      key: `group:a1:m1:${Date.parse('2026-12-01T10:00:00Z')}`,
      mailKind: 'instant',
      pending,
    });
  });

  it('leaves digest matches out of an instant group, and says when nothing waits', () => {
    const pending = [waiting('m1', '2026-12-01T10:00:00Z', 'daily')];
    expect(dueEmail(item, alert, pending, new Date('2026-12-01T12:00:00Z'), SETTINGS)).toBe('nothing_new');
  });

  it('covers in a digest only the matches received before its local slot', () => {
    const daily: ProjectedAlert = { ...alert, frequency: 'daily' };
    const before = waiting('m1', '2026-12-01T05:00:00Z', 'daily');
    const after = waiting('m2', '2026-12-01T08:30:00Z', 'daily');
    const due = dueEmail(
      { ...item, kind: 'digest' },
      daily,
      [before, after],
      new Date('2026-12-01T09:00:00Z'),
      SETTINGS,
    );
    expect(due).toMatchObject({ key: 'digest:a1:2026-12-01', mailKind: 'daily', pending: [before] });
  });
});
