import { randomUUID } from 'node:crypto';
import { AlertChangedV1, TOPICS } from '@vigie/contracts';
import { CandidateLinks, FakeClock, SignedTokens } from '@vigie/kernel';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import { goldenFixture, openTestDatabase, SmtpCapture, TEST_SECRETS, TestDatabase } from '@vigie/testing';
import pino from 'pino';
import { DispatchSettings } from '../dispatch/dispatch-emails.usecase';
import { PgEmailLedger } from '../dispatch/pg-email-ledger';
import { SmtpMailer } from '../mail/smtp-mailer';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgAlertProjection } from '../projection/pg-alert-projection';
import { PgSuppressionList } from '../suppression/pg-suppression-list';
import { SendConfirmationsUseCase } from './send-confirmations.usecase';
import { startTestRelay, TestRelay } from '../../test/test-relay';

const alertFixture = goldenFixture<AlertChangedV1>(TOPICS.alertChanged, 'active');

const SETTINGS: DispatchSettings = {
  groupWindowMs: 120_000,
  quietHours: { start: 22, end: 7 },
  dailyCap: 5,
  rules: { maxOffers: 10, maxPerCompany: 2 },
  leaseMs: 60_000,
  owner: 'int-test',
  mailDomain: 'vigie.localhost',
  searchUrl: 'http://127.0.0.1:3002/v1/offers/search',
  batchLimit: 100,
  concurrency: 4,
};

describe('SendConfirmationsUseCase on Postgres and SMTP', () => {
  let db: TestDatabase;
  let smtp: SmtpCapture;
  let mailer: SmtpMailer;
  let relay: TestRelay;
  let alerts: PgAlertProjection;
  const clock = new FakeClock('2026-12-01T09:00:00.000Z');
  const links = new CandidateLinks(
    'http://127.0.0.1:3004',
    new SignedTokens(TEST_SECRETS.ALERT_LINK_SECRET, clock),
  );

  const sut = () =>
    new SendConfirmationsUseCase(
      new PgEmailLedger(db.dataSource),
      alerts,
      new PgSuppressionList(db.dataSource),
      mailer,
      links,
      clock,
      FaultInjector.none(),
      SETTINGS,
      pino({ level: 'silent' }),
      new MetricsRegistry(),
    );

  async function newAlert(patch: Partial<AlertChangedV1> = {}): Promise<AlertChangedV1> {
    const alert: AlertChangedV1 = {
      ...alertFixture,
      alertId: randomUUID(),
      candidateId: `addr-${randomUUID().slice(0, 8)}`,
      status: 'pending',
      version: 1,
      contact: { email: `${randomUUID().slice(0, 8)}@example.org` },
      ...patch,
    };
    await alerts.apply([{ kind: 'state', alert }]);
    return alert;
  }

  beforeAll(async () => {
    db = await openTestDatabase('confirm', ALERT_DELIVERY_MIGRATIONS);
    relay = await startTestRelay();
    ({ smtp, mailer } = relay);
    alerts = new PgAlertProjection(db.dataSource);
  });

  afterAll(async () => {
    await relay?.stop();
    await db?.drop();
  });

  it('sends a pending alert one confirmation e-mail with a signed confirm link, once across runs and replays', async () => {
    const pending = await newAlert();
    const active = await newAlert({ status: 'active', version: 2 });

    expect(await sut().run()).toEqual(['sent']);
    const [mail, ...more] = smtp.to(pending.contact.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Confirmez votre alerte emploi');
    const link = new URL(/https?:\/\/\S+\/c\/alerts\/confirm\?t=\S+/.exec(mail!.text)![0]);
    expect(links.verify('confirm', link.searchParams.get('t')!).sub).toBe(pending.alertId);
    expect(mail!.html).toContain('Confirmer mon alerte');
    expect(mail!.header('Message-ID')).toMatch(/^<[0-9a-f]{32}@vigie\.localhost>$/);

    // A second replica's run, and a replay of the alert topic, send nothing more.
    await alerts.apply([{ kind: 'state', alert: pending }]);
    expect(await sut().run()).toEqual([]);
    expect(smtp.to(pending.contact.email)).toHaveLength(1);
    expect(smtp.to(active.contact.email)).toEqual([]);
  });

  it('sends nothing once the alert is confirmed or deleted, nor to a suppressed address', async () => {
    const confirmed = await newAlert();
    await alerts.apply([{ kind: 'state', alert: { ...confirmed, status: 'active', version: 2 } }]);
    const deleted = await newAlert();
    await alerts.apply([{ kind: 'tombstone', alertId: deleted.alertId }]);
    const refused = await newAlert();
    await new PgSuppressionList(db.dataSource).suppress(
      refused.contact.email.toUpperCase(),
      '550 no such user',
      'smtp_reply',
    );

    expect(await sut().run()).toEqual([]);
    for (const a of [confirmed, deleted, refused]) expect(smtp.to(a.contact.email)).toEqual([]);
  });

  it('suppresses an address the relay refuses, and never tries it again', async () => {
    const alert = await newAlert();
    smtp.replyTo(alert.contact.email, { code: 550, message: '5.1.1 no such mailbox' });

    expect(await sut().run()).toEqual(['rejected_by_relay']);
    expect(await sut().run()).toEqual([]);
    expect(smtp.to(alert.contact.email)).toEqual([]);
    expect(await new PgSuppressionList(db.dataSource).suppressedAmong([alert.contact.email])).toEqual(
      new Set([alert.contact.email]),
    );
  });
});
