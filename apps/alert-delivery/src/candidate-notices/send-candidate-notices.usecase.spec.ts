import {
  CvContactRequestCreatedV1,
  CvRetentionWarningCreatedV1,
  CvViewSummaryCreatedV1,
  TOPICS,
} from '@vigie/contracts';
import { FakeClock, SignedTokens } from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import { goldenFixture } from '@vigie/testing/unit';
import pino from 'pino';
import { NoticeEvent } from './candidate-notice';
import { CvEmailLinks } from './cv-email-links';
import {
  InMemoryAddresses,
  InMemoryEmailLedger,
  InMemoryNotices,
  InMemoryPreferences,
  InMemorySuppressions,
  RecordingMailer,
} from './in-memory-candidate-notice-ports';
import { RecordCandidateNoticesUseCase } from './record-candidate-notices.usecase';
import { NoticeSettings, SendCandidateNoticesUseCase } from './send-candidate-notices.usecase';

const summary = goldenFixture<CvViewSummaryCreatedV1>(TOPICS.cvViewSummaryCreated, 'weekly');
const warning = goldenFixture<CvRetentionWarningCreatedV1>(TOPICS.cvRetentionWarningCreated, 'month-before');
const contact = goldenFixture<CvContactRequestCreatedV1>(TOPICS.cvContactRequestCreated, 'with-message');
const EMAIL = 'camille.martin@example.org';
const SETTINGS: NoticeSettings = {
  holdMs: 3_600_000,
  retryMs: 60_000,
  batchLimit: 100,
  concurrency: 2,
  leaseMs: 60_000,
  owner: 'unit',
  mailDomain: 'vigie.localhost',
};

function newTestService() {
  const clock = new FakeClock('2026-11-30T07:00:00.000Z');
  const mocks = {
    notices: new InMemoryNotices(),
    addresses: new InMemoryAddresses(),
    preferences: new InMemoryPreferences(),
    ledger: new InMemoryEmailLedger(),
    suppressions: new InMemorySuppressions(),
    mailer: new RecordingMailer(),
    links: new CvEmailLinks(
      'https://emploi.example.fr/candidat',
      'https://delivery.example.fr',
      new SignedTokens('link-secret-for-unit-tests-0123456789abcdef', clock),
    ),
    clock,
  };
  const metrics = new MetricsRegistry();
  const sut = new SendCandidateNoticesUseCase(mocks, SETTINGS, pino({ level: 'silent' }), metrics);
  const record = new RecordCandidateNoticesUseCase(mocks.notices, clock);
  return { sut, record, mocks, metrics };
}

const ALL: NoticeEvent[] = [
  { kind: 'view-summary', event: summary },
  { kind: 'retention-warning', event: warning },
  { kind: 'contact-request', event: contact },
];

describe('SendCandidateNoticesUseCase', () => {
  it('sends each CV e-mail once to the candidate’s address, replays included', async () => {
    const { sut, record, mocks } = newTestService();
    await mocks.addresses.apply([
      { kind: 'address', candidateId: summary.candidateId, email: EMAIL, changedAt: mocks.clock.now() },
    ]);
    await record.execute(ALL);

    expect(await sut.run()).toEqual(['sent', 'sent', 'sent']);
    await record.execute(ALL); // the topics replayed
    expect(await sut.run()).toEqual(['already_sent', 'already_sent', 'already_sent']);
    expect(await sut.run()).toEqual([]);

    expect(mocks.mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [EMAIL, 'Votre CV a été consulté par 4 recruteurs cette semaine'],
      [EMAIL, 'Votre CV sera supprimé le 20 décembre 2026'],
      [EMAIL, 'Atelier Numérique Lyonnais souhaite vous contacter'],
    ]);
  });

  it('puts a one-click opt-out on the optional e-mails only, and honours it except for the legal warning', async () => {
    const { sut, record, mocks } = newTestService();
    await mocks.addresses.apply([
      { kind: 'address', candidateId: summary.candidateId, email: EMAIL, changedAt: mocks.clock.now() },
    ]);
    await record.execute(ALL);
    await sut.run();
    const [views, retention, request] = mocks.mailer.sent;
    const optOut = /^<(.+)>$/.exec(views!.headers['List-Unsubscribe']!)![1]!;
    expect(views!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(request!.headers['List-Unsubscribe']).toBe(`<${optOut}>`);
    expect(retention!.headers['List-Unsubscribe']).toBeUndefined();
    expect(mocks.links.candidateOfOptOut(new URL(optOut).searchParams.get('t')!)).toBe(summary.candidateId);

    await mocks.preferences.optOut(summary.candidateId);
    const next: NoticeEvent[] = [
      { kind: 'view-summary', event: { ...summary, summaryId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' } },
      { kind: 'retention-warning', event: { ...warning, warningId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' } },
    ];
    await record.execute(next);
    expect(await sut.run()).toEqual(['opted_out', 'sent']);
    expect(mocks.notices.rows.size).toBe(0);
  });

  it('holds an e-mail whose address is unknown, sends it once the address comes, drops it after the hold', async () => {
    const { sut, record, mocks, metrics } = newTestService();
    await record.execute([{ kind: 'contact-request', event: contact }]);

    expect(await sut.run()).toEqual(['waiting_for_address']);
    expect(await sut.run()).toEqual([]); // postponed, not retried at every run
    mocks.clock.advance(SETTINGS.retryMs);
    await mocks.addresses.apply([
      { kind: 'address', candidateId: contact.candidateId, email: EMAIL, changedAt: mocks.clock.now() },
    ]);
    expect(await sut.run()).toEqual(['sent']);

    await record.execute([{ kind: 'retention-warning', event: { ...warning, candidateId: 'cand-nobody' } }]);
    expect(await sut.run()).toEqual(['waiting_for_address']);
    mocks.clock.advance(SETTINGS.holdMs);
    expect(await sut.run()).toEqual(['dropped_no_address']);
    expect(mocks.notices.rows.size).toBe(0);
    expect(mocks.mailer.sent).toHaveLength(1);
    expect(await metrics.registry.metrics()).toContain(
      'cv_emails_total{kind="retention-warning",outcome="dropped_no_address"} 1',
    );
  });

  it('sends nothing to a suppressed address, suppresses one the relay refuses, and retries after a 4xx', async () => {
    const { sut, record, mocks } = newTestService();
    const others = ['cand-suppressed', 'cand-refused', 'cand-later'];
    await mocks.addresses.apply(
      others.map((c) => ({
        kind: 'address',
        candidateId: c,
        email: `${c}@example.org`,
        changedAt: mocks.clock.now(),
      })),
    );
    await mocks.suppressions.suppress('CAND-SUPPRESSED@example.org');
    mocks.mailer.refuse.set('cand-refused@example.org', 'permanent');
    mocks.mailer.refuse.set('cand-later@example.org', 'transient');
    await record.execute(
      others.map((c, i) => ({
        kind: 'contact-request',
        event: { ...contact, candidateId: c, requestId: `${i}b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d` },
      })),
    );

    expect(await sut.run()).toEqual(['suppressed', 'rejected_by_relay', 'retry_later']);
    expect(mocks.suppressions.addresses.has('cand-refused@example.org')).toBe(true);
    mocks.mailer.refuse.clear();
    mocks.clock.advance(SETTINGS.retryMs);
    expect(await sut.run()).toEqual(['sent']);
    expect(mocks.mailer.sent.map((m) => m.to)).toEqual(['cand-later@example.org']);
  });
});
