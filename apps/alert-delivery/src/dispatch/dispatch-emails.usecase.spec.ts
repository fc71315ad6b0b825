import { MatchCreatedV2, TOPICS } from '@vigie/contracts';
import { CandidateLinks, FakeClock, SignedTokens } from '@vigie/kernel';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import { goldenFixture } from '@vigie/testing/unit';
import pino from 'pino';
import { Mailer, OutgoingMail } from '../mail/mailer.port';
import { AlertChange, AlertProjection, ProjectedAlert } from '../projection/alert-projection.port';
import { OfferState, OfferStates } from '../projection/offer-states.port';
import type { PendingMatch } from '../projection/pending-matches.port';
import { SuppressionList } from '../suppression/suppression-list.port';
import { DispatchEmailsUseCase, DispatchSettings } from './dispatch-emails.usecase';
import {
  AlreadySent,
  ClaimRequest,
  EmailClaim,
  EmailLedger,
  SentEmail,
  WaitingAlert,
} from './email-ledger.port';

const NOW = '2026-12-01T10:00:00.000Z';
const fixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');
const ALERT: ProjectedAlert = {
  alertId: fixture.alertId,
  candidateId: fixture.candidateId,
  version: 3,
  status: 'active',
  frequency: 'daily',
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
};
const PENDING: PendingMatch = {
  matchId: fixture.matchId,
  candidateId: fixture.candidateId,
  alertId: fixture.alertId,
  offerId: fixture.offerId,
  clusterId: fixture.clusterId,
  frequency: 'daily',
  matchedAt: new Date('2026-11-30T18:00:00.000Z'),
  receivedAt: new Date('2026-11-30T18:00:01.000Z'),
  offer: fixture.offer,
  explanation: fixture.explanation,
};

/** Alerts as a sequence of reads: each `get` returns the next state (the last one repeats). */
class ScriptedAlerts extends AlertProjection {
  reads = 0;
  constructor(private readonly states: ProjectedAlert[]) {
    super();
  }
  async apply(_changes: readonly AlertChange[]): Promise<void> {}
  async get(): Promise<Map<string, ProjectedAlert>> {
    const state = this.states[Math.min(this.reads++, this.states.length - 1)]!;
    return new Map([[state.alertId, state]]);
  }
  async addressesOf(): Promise<string[]> {
    return this.states.map((s) => s.email);
  }
}

/** Alerts that do not change between reads. */
class FixedAlerts extends AlertProjection {
  constructor(private readonly byId: ReadonlyMap<string, ProjectedAlert>) {
    super();
  }
  async apply(_changes: readonly AlertChange[]): Promise<void> {}
  async get(ids: readonly string[]): Promise<Map<string, ProjectedAlert>> {
    return new Map(ids.flatMap((id) => (this.byId.has(id) ? [[id, this.byId.get(id)!] as const] : [])));
  }
  async addressesOf(): Promise<string[]> {
    return [];
  }
}

class FakeEmailLedger extends EmailLedger {
  readonly log: string[] = [];
  /** markSent refuses any write that holds this key (a row the database will not take). */
  refuseKey: string | undefined;
  constructor(private readonly pending: PendingMatch[]) {
    super();
  }
  async dueInstantGroups(): Promise<WaitingAlert[]> {
    return [];
  }
  async digestAlertsWaiting(): Promise<WaitingAlert[]> {
    const first = new Map(this.pending.map((p) => [p.alertId, p.candidateId]));
    return [...first].map(([alertId, candidateId]) => ({ alertId, candidateId }));
  }
  async awaitingConfirmation(): Promise<string[]> {
    return [];
  }
  async candidateOfMessage(): Promise<string | null> {
    return null;
  }
  async waitingMatchesOf(): Promise<PendingMatch[]> {
    return this.pending;
  }
  async alreadySent(asked: ReadonlyArray<{ candidateId: string }>): Promise<Map<string, AlreadySent>> {
    return new Map(
      asked.map((a) => [a.candidateId, { offers: new Set<string>(), clusters: new Set<string>() }]),
    );
  }
  async sentSince(candidateIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(candidateIds.map((c) => [c, 0]));
  }
  async claim(requests: readonly ClaimRequest[]): Promise<Map<string, EmailClaim>> {
    for (const r of requests) this.log.push(`claim:${r.key}`);
    return new Map(requests.map((r) => [r.key, { claimed: true, takenOver: false }]));
  }
  async markSent(emails: readonly SentEmail[]): Promise<void> {
    if (emails.some((e) => e.key === this.refuseKey)) throw new Error('violates check constraint');
    for (const e of emails) this.log.push(`sent:${e.key}:${e.shown.length}`);
  }
  async release(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.log.push(`release:${key}`);
  }
  async discard(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) this.log.push(`discard:${ids.length}`);
  }
}

class NoOfferNews extends OfferStates {
  async apply(_s: readonly OfferState[]): Promise<void> {}
  async get(): Promise<Map<string, OfferState>> {
    return new Map();
  }
}

class NoSuppression extends SuppressionList {
  async suppressedAmong(): Promise<Set<string>> {
    return new Set();
  }
  async suppress(): Promise<void> {}
}

class RecordingMailer extends Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail): Promise<void> {
    this.sent.push(mail);
  }
}

const LINKS = new CandidateLinks(
  'https://alertes.vigie.example',
  new SignedTokens('alert-link-secret-for-unit-tests-0123456789', new FakeClock()),
);

const SETTINGS: DispatchSettings = {
  groupWindowMs: 120_000,
  quietHours: { start: 22, end: 7 },
  dailyCap: 6,
  rules: { maxOffers: 10, maxPerCompany: 2 },
  leaseMs: 60_000,
  owner: 'worker-1',
  mailDomain: 'vigie.example',
  searchUrl: 'https://www.vigie.example/offres',
  batchLimit: 10,
  concurrency: 2,
};

function newTestService(
  alertReads: ProjectedAlert[],
  world: { pending: PendingMatch[]; alerts?: AlertProjection } = { pending: [PENDING] },
) {
  const ledger = new FakeEmailLedger(world.pending);
  const alerts = new ScriptedAlerts(alertReads);
  const mailer = new RecordingMailer();
  const sut = new DispatchEmailsUseCase(
    ledger,
    world.alerts ?? alerts,
    new NoOfferNews(),
    new NoSuppression(),
    mailer,
    LINKS,
    new FakeClock(NOW),
    FaultInjector.none(),
    SETTINGS,
    pino({ level: 'silent' }),
    new MetricsRegistry(),
  );
  return { sut, mocks: { ledger, alerts, mailer } };
}

describe('DispatchEmailsUseCase', () => {
  it('sends the digest when the alert is still active at send time', async () => {
    const { sut, mocks } = newTestService([ALERT]);

    expect(await sut.run()).toEqual(['sent']);
    expect(mocks.mailer.sent).toHaveLength(1);
    expect(mocks.mailer.sent[0]!.text).toContain('Votre sélection du jour');
    expect(mocks.ledger.log.at(-1)).toBe('sent:digest:c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d:2026-12-01:1');
  });

  it('lets an unsubscribe that lands while the digest is being built win: nothing is sent', async () => {
    // First read: active (the digest is built); second read, just before sending: unsubscribed.
    const { sut, mocks } = newTestService([ALERT, { ...ALERT, version: 4, status: 'unsubscribed' }]);

    expect(await sut.run()).toEqual(['alert_stopped']);
    expect(mocks.alerts.reads).toBe(2);
    expect(mocks.mailer.sent).toHaveLength(0);
    expect(mocks.ledger.log).toEqual([
      'claim:digest:c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d:2026-12-01',
      'release:digest:c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d:2026-12-01',
      'discard:1',
    ]);
  });

  it('lets a pause that lands while the digest is being built win too', async () => {
    const { sut, mocks } = newTestService([ALERT, { ...ALERT, version: 4, status: 'paused' }]);

    expect(await sut.run()).toEqual(['alert_stopped']);
    expect(mocks.mailer.sent).toHaveLength(0);
  });

  it('addresses the e-mail to the address the alert has at send time', async () => {
    const { sut, mocks } = newTestService([ALERT, { ...ALERT, version: 4, email: 'camille.m@example.org' }]);

    await sut.run();

    expect(mocks.mailer.sent[0]!.to).toBe('camille.m@example.org');
  });

  it('points List-Unsubscribe at the candidate pages’ signed unsubscribe link (RFC 8058 one-click)', async () => {
    const { sut, mocks } = newTestService([ALERT]);

    await sut.run();

    const headers = mocks.mailer.sent[0]!.headers;
    const url = new URL(headers['List-Unsubscribe']!.replace(/^<|>$/g, ''));
    expect(url.origin + url.pathname).toBe('https://alertes.vigie.example/c/alerts/unsubscribe');
    expect(LINKS.verify('unsubscribe', url.searchParams.get('t')!).sub).toBe(ALERT.alertId);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('records each e-mail on its own when the batch write is refused, so only the bad one is left to its lease', async () => {
    const other: ProjectedAlert = {
      ...ALERT,
      alertId: 'd5e6f7a8-0812-4a3b-9c4d-5e6f7a8b9c0e',
      candidateId: 'cand-other',
      email: 'sacha@example.org',
    };
    const otherPending: PendingMatch = {
      ...PENDING,
      matchId: 'e6f7a8b9-0812-4a3b-9c4d-5e6f7a8b9c0f',
      alertId: other.alertId,
      candidateId: other.candidateId,
    };
    const { sut, mocks } = newTestService([], {
      pending: [PENDING, otherPending],
      alerts: new FixedAlerts(new Map([ALERT, other].map((a) => [a.alertId, a]))),
    });
    mocks.ledger.refuseKey = `digest:${other.alertId}:2026-12-01`;

    expect((await sut.run()).sort()).toEqual(['failed', 'sent']);
    expect(mocks.mailer.sent.map((m) => m.to).sort()).toEqual([ALERT.email, other.email]);
    expect(mocks.ledger.log.filter((l) => l.startsWith('sent:'))).toEqual([
      `sent:digest:${ALERT.alertId}:2026-12-01:1`,
    ]);
    // Not released: its lease runs out and the next run resends it under the same Message-ID.
    expect(mocks.ledger.log.filter((l) => l.startsWith('release:'))).toEqual([]);
  });
});
