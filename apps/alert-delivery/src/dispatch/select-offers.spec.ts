import { MatchCreatedV2, TOPICS } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import type { ProjectedAlert } from '../projection/alert-projection.port';
import type { OfferState } from '../projection/offer-states.port';
import type { PendingMatch } from '../projection/pending-matches.port';
import { selectOffers } from './select-offers';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const fixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');
const ALERT_A = '00000000-0000-4000-8000-0000000000a1';
const ALERT_B = '00000000-0000-4000-8000-0000000000b1';

let n = 0;
function pending(patch: Partial<PendingMatch> & { company?: string | null } = {}): PendingMatch {
  n += 1;
  const { company, ...rest } = patch;
  return {
    matchId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    candidateId: fixture.candidateId,
    alertId: ALERT_A,
    offerId: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    clusterId: `cluster-${n}`,
    frequency: 'instant',
    matchedAt: new Date(NOW.getTime() - n * 1_000),
    receivedAt: NOW,
    offer: { ...fixture.offer, companyName: company === undefined ? `Entreprise ${n}` : company },
    explanation: fixture.explanation,
    ...rest,
  };
}

function alert(alertId: string, patch: Partial<ProjectedAlert> = {}): ProjectedAlert {
  return {
    alertId,
    candidateId: fixture.candidateId,
    version: 1,
    status: 'active',
    frequency: 'instant',
    schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
    snoozedUntil: null,
    email: 'camille.martin@example.org',
    criteria: {
      q: 'développeur',
      where: null,
      remote: [],
      contractTypes: [],
      workingTimes: [],
      minAnnualSalary: null,
      includeUnsalaried: true,
      romeCodes: [],
      company: null,
    },
    ...patch,
  };
}

function context(
  patch: Partial<{
    alerts: ProjectedAlert[];
    offers: OfferState[];
    sentOffers: string[];
    sentClusters: string[];
  }> = {},
) {
  return {
    alerts: new Map((patch.alerts ?? [alert(ALERT_A), alert(ALERT_B)]).map((a) => [a.alertId, a])),
    offers: new Map((patch.offers ?? []).map((o) => [o.offerId, o])),
    sentOffers: new Set(patch.sentOffers ?? []),
    sentClusters: new Set(patch.sentClusters ?? []),
    now: NOW,
  };
}

describe('selectOffers', () => {
  it('shows at most 10 offers, newest first, and counts the rest as overflow', () => {
    const matches = Array.from({ length: 14 }, () => pending());

    const result = selectOffers(matches, context());

    expect(result.shown).toHaveLength(10);
    expect(result.overflow).toHaveLength(4);
    expect(result.shown[0]!.matchId).toBe(matches[0]!.matchId);
  });

  it('shows at most 2 offers of one company, whatever the case and accents of its name', () => {
    const matches = [
      pending({ company: 'Hôpital Nord' }),
      pending({ company: 'hopital nord' }),
      pending({ company: 'HÔPITAL NORD ' }),
      pending({ company: null }),
      pending({ company: null }),
      pending({ company: null }),
    ];

    const result = selectOffers(matches, context());

    expect(result.overflow.map((m) => m.matchId)).toEqual([matches[2]!.matchId]);
    expect(result.shown).toHaveLength(5);
  });

  it('sends one offer once across all the candidate’s alerts, and one copy of a job only', () => {
    const first = pending({ alertId: ALERT_A });
    const sameOffer = pending({ alertId: ALERT_B, offerId: first.offerId, clusterId: first.clusterId });
    const copy = pending({ alertId: ALERT_B, clusterId: first.clusterId });

    const result = selectOffers([first, sameOffer, copy], context());

    expect(result.shown.map((m) => m.matchId)).toEqual([first.matchId]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['same_job_in_mail', 'same_job_in_mail']);
  });

  it('drops what an earlier e-mail already sent, the offer or another copy of it', () => {
    const sent = pending();
    const copyOfSent = pending();

    const result = selectOffers(
      [sent, copyOfSent],
      context({ sentOffers: [sent.offerId], sentClusters: [copyOfSent.clusterId!] }),
    );

    expect(result.shown).toEqual([]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['already_sent', 'already_sent']);
  });

  it('uses the cluster the offer has now over the one it had when matched', () => {
    const sent = pending();
    const later = pending({ clusterId: null });

    const result = selectOffers(
      [later],
      context({
        offers: [{ offerId: later.offerId, version: 2, status: 'active', clusterId: sent.clusterId }],
        sentClusters: [sent.clusterId!],
      }),
    );

    expect(result.dropped.map((d) => d.reason)).toEqual(['already_sent']);
  });

  it('drops offers withdrawn, expired or past their validity since the match', () => {
    const withdrawn = pending();
    const expired = pending();
    const pastValidity = pending({ offer: { ...fixture.offer, validThrough: '2026-12-01T09:00:00.000Z' } });
    const live = pending();

    const result = selectOffers(
      [withdrawn, expired, pastValidity, live],
      context({
        offers: [
          { offerId: withdrawn.offerId, version: 4, status: 'deleted', clusterId: null },
          { offerId: expired.offerId, version: 4, status: 'expired', clusterId: null },
        ],
      }),
    );

    expect(result.shown.map((m) => m.matchId)).toEqual([live.matchId]);
    expect(result.dropped.map((d) => d.reason).sort()).toEqual([
      'offer_not_active',
      'offer_not_active',
      'offer_past_validity',
    ]);
  });

  it.each([
    ['paused', { status: 'paused' as const }],
    ['unsubscribed', { status: 'unsubscribed' as const }],
    ['pending confirmation', { status: 'pending' as const }],
    ['snoozed', { snoozedUntil: new Date('2026-12-31T00:00:00.000Z') }],
  ])('sends nothing for an alert %s', (_label, patch) => {
    const result = selectOffers([pending()], context({ alerts: [alert(ALERT_A, patch)] }));

    expect(result.shown).toEqual([]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['alert_not_active']);
  });

  it('sends again once a snooze is over, and nothing for an alert it does not know', () => {
    const snoozedUntilNow = alert(ALERT_A, { snoozedUntil: NOW });
    const known = pending({ alertId: ALERT_A });
    const unknown = pending({ alertId: '00000000-0000-4000-8000-0000000000c1' });

    const result = selectOffers([known, unknown], context({ alerts: [snoozedUntilNow] }));

    expect(result.shown.map((m) => m.matchId)).toEqual([known.matchId]);
    expect(result.dropped.map((d) => d.match.matchId)).toEqual([unknown.matchId]);
  });
});
