import { randomUUID } from 'node:crypto';
import { AlertChangedV1, MatchCreatedV2, TOPICS } from '@vigie/contracts';
import { CandidateLinks, FakeClock, SignedTokens } from '@vigie/kernel';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import { goldenFixture, openTestDatabase, SmtpCapture, TEST_SECRETS, TestDatabase } from '@vigie/testing';
import pino from 'pino';
import { SmtpMailer } from '../mail/smtp-mailer';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgAlertProjection } from '../projection/pg-alert-projection';
import { PgOfferStates } from '../projection/pg-offer-states';
import { PgPendingMatches } from '../projection/pg-pending-matches';
import { RecordMatchesUseCase } from '../projection/project-changes.usecase';
import { PgSuppressionList } from '../suppression/pg-suppression-list';
import { DispatchEmailsUseCase, DispatchSettings } from './dispatch-emails.usecase';
import { toLocal } from './local-time';
import { PgEmailLedger } from './pg-email-ledger';
import { startTestRelay, TestRelay } from '../../test/test-relay';

const alertFixture = goldenFixture<AlertChangedV1>(TOPICS.alertChanged, 'active');
const matchFixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');

const SETTINGS: Omit<DispatchSettings, 'owner'> = {
  groupWindowMs: 120_000,
  quietHours: { start: 22, end: 7 },
  dailyCap: 5,
  rules: { maxOffers: 10, maxPerCompany: 2 },
  leaseMs: 60_000,
  mailDomain: 'vigie.localhost',
  searchUrl: 'http://127.0.0.1:3002/v1/offers/search',
  batchLimit: 100,
  concurrency: 4,
};

describe('DispatchEmailsUseCase on Postgres and SMTP', () => {
  let db: TestDatabase;
  let smtp: SmtpCapture;
  let mailer: SmtpMailer;
  let relay: TestRelay;
  let alerts: PgAlertProjection;
  let offers: PgOfferStates;
  const clock = new FakeClock('2026-12-01T09:00:00.000Z');
  const LINKS = new CandidateLinks(
    'http://127.0.0.1:3004',
    new SignedTokens(TEST_SECRETS.ALERT_LINK_SECRET, clock),
  );

  /** The use case on the real stores; a test may hand it another projection or relay. */
  const sut = (
    patch: Partial<DispatchSettings> = {},
    over: { alerts?: PgAlertProjection; mailer?: SmtpMailer } = {},
  ) =>
    new DispatchEmailsUseCase(
      new PgEmailLedger(db.dataSource),
      over.alerts ?? alerts,
      offers,
      new PgSuppressionList(db.dataSource),
      over.mailer ?? mailer,
      LINKS,
      clock,
      FaultInjector.none(),
      { ...SETTINGS, owner: 'int-test', ...patch },
      pino({ level: 'silent' }),
      new MetricsRegistry(),
    );
  const record = (matches: MatchCreatedV2[]) =>
    new RecordMatchesUseCase(new PgPendingMatches(db.dataSource), clock).execute(matches);

  async function newAlert(patch: Partial<AlertChangedV1> = {}): Promise<AlertChangedV1> {
    const alert: AlertChangedV1 = {
      ...alertFixture,
      alertId: randomUUID(),
      candidateId: `cand-${randomUUID().slice(0, 8)}`,
      frequency: 'instant',
      contact: { email: `${randomUUID().slice(0, 8)}@example.org` },
      ...patch,
    };
    await alerts.apply([{ kind: 'state', alert }]);
    return alert;
  }

  function matchOf(
    alert: AlertChangedV1,
    patch: Partial<MatchCreatedV2> = {},
    title = 'Aide-soignant (H/F)',
  ): MatchCreatedV2 {
    return {
      ...matchFixture,
      matchId: randomUUID(),
      alertId: alert.alertId,
      candidateId: alert.candidateId,
      offerId: randomUUID(),
      clusterId: `c-${randomUUID().slice(0, 12)}`,
      frequency: alert.frequency,
      offer: { ...matchFixture.offer, title, companyName: `Employeur ${randomUUID().slice(0, 4)}` },
      ...patch,
    };
  }

  beforeAll(async () => {
    db = await openTestDatabase('dispatch', ALERT_DELIVERY_MIGRATIONS);
    relay = await startTestRelay();
    ({ smtp, mailer } = relay);
    alerts = new PgAlertProjection(db.dataSource);
    offers = new PgOfferStates(db.dataSource);
  });

  afterAll(async () => {
    await relay?.stop();
    await db?.drop();
  });

  it('groups the instant matches of an alert into one e-mail once the window has passed, and a replay sends nothing', async () => {
    clock.set('2026-12-01T09:00:00.000Z');
    const alert = await newAlert();
    const matches = [
      matchOf(alert, {}, 'Infirmier de nuit'),
      matchOf(alert, {}, 'Infirmier de jour'),
      matchOf(alert, {}, 'Infirmier de bloc'),
    ];
    await record(matches.slice(0, 1));
    clock.advance(30_000);
    await record(matches.slice(1));

    clock.advance(60_000); // 90 s after the first: still inside the 2-minute window
    await sut().run();
    expect(smtp.to(alert.contact.email)).toHaveLength(0);

    clock.advance(31_000);
    expect(await sut().run()).toEqual(['sent']);
    const [mail] = smtp.to(alert.contact.email);
    expect(mail!.subject).toBe('3 nouvelles offres pour votre alerte');
    for (const title of ['Infirmier de nuit', 'Infirmier de jour', 'Infirmier de bloc'])
      expect(mail!.text).toContain(title);
    expect(mail!.text).toContain('Pourquoi cette offre ?');
    expect(mail!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // The candidate pages' signed, expiring link (the page answers the one-click POST).
    const unsubscribe = new URL(mail!.header('List-Unsubscribe')!.replace(/^<|>$/g, ''));
    expect(unsubscribe.pathname).toBe('/c/alerts/unsubscribe');
    expect(LINKS.verify('unsubscribe', unsubscribe.searchParams.get('t')!).sub).toBe(alert.alertId);

    // The whole match topic replayed: the same matches are recorded again, and nothing goes out.
    await record(matches);
    clock.advance(10 * 60_000);
    expect(await sut().run()).toEqual(['nothing_new']);
    expect(smtp.to(alert.contact.email)).toHaveLength(1);
  });

  it('drops withdrawn offers and jobs already sent through another alert of the candidate', async () => {
    clock.set('2026-12-01T10:00:00.000Z');
    const first = await newAlert();
    const second = await newAlert({ candidateId: first.candidateId, contact: first.contact });
    const sentJob = matchOf(first, {}, 'Électricien (premier envoi)');
    await record([sentJob]);
    clock.advance(121_000);
    await sut().run();

    const copyOfSentJob = matchOf(second, { clusterId: sentJob.clusterId }, 'Électricien (copie)');
    const sameOffer = matchOf(
      second,
      { offerId: sentJob.offerId, clusterId: null },
      'Électricien (même offre)',
    );
    const withdrawn = matchOf(second, {}, 'Plombier (retirée)');
    const live = matchOf(second, {}, 'Chauffagiste');
    await offers.apply([{ offerId: withdrawn.offerId, version: 9, status: 'deleted', clusterId: null }]);
    await record([copyOfSentJob, sameOffer, withdrawn, live]);
    clock.advance(121_000);
    await sut().run();

    const mails = smtp.to(first.contact.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe('Nouvelle offre : Chauffagiste');
    expect(mails[1]!.text).not.toContain('Électricien');
    expect(mails[1]!.text).not.toContain('Plombier');
  });

  it('sends nothing for a paused alert, and forgets what waited', async () => {
    clock.set('2026-12-01T11:00:00.000Z');
    const alert = await newAlert();
    await record([matchOf(alert)]);
    await alerts.apply([
      { kind: 'state', alert: { ...alert, version: alert.version + 1, status: 'paused' } },
    ]);
    clock.advance(121_000);

    expect(await sut().run()).toEqual(['alert_stopped']);
    const waiting: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM pending_matches WHERE alert_id = $1`,
      [alert.alertId],
    );
    expect(waiting).toHaveLength(0);
    expect(smtp.to(alert.contact.email)).toHaveLength(0);
  });

  it('lets an unsubscribe that lands while the digest is being built win on the real stores: nothing is sent', async () => {
    clock.set('2026-12-02T06:00:00.000Z');
    const alert = await newAlert({
      frequency: 'daily',
      schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
    });
    await record([matchOf(alert), matchOf(alert)]);
    clock.set('2026-12-02T08:00:00.000Z'); // past every 08:mm slot in Paris
    // The candidate clicks « unsubscribe » just after the wave has read the alert: the projection
    // (real Postgres) is changed between the digest's build and its send.
    class UnsubscribedMidBuild extends PgAlertProjection {
      private raced = false;
      override async get(alertIds: readonly string[]) {
        const read = await super.get(alertIds);
        if (!this.raced && alertIds.includes(alert.alertId)) {
          this.raced = true;
          await alerts.apply([
            { kind: 'state', alert: { ...alert, version: alert.version + 1, status: 'unsubscribed' } },
          ]);
        }
        return read;
      }
    }
    const racing = sut({}, { alerts: new UnsubscribedMidBuild(db.dataSource) });

    expect(await racing.run()).toEqual(['alert_stopped']);
    expect(smtp.to(alert.contact.email)).toHaveLength(0);
    const sent: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM emails WHERE candidate_id = $1 AND status = 'sent'`,
      [alert.candidateId],
    );
    expect(sent).toHaveLength(0);
  });

  it('loses nothing while the relay is down and sends each e-mail once when it is back', async () => {
    clock.set('2026-12-03T10:00:00.000Z');
    const down = await new SmtpCapture().start();
    const port = down.port;
    await down.stop(); // nothing listens there now: connection refused, as with a relay down
    const relayAt = (url: string) =>
      new SmtpMailer({ url, from: 'Vigie <alertes@vigie.localhost>', requireTls: false, maxConnections: 2 });
    const relayMailer = relayAt(`smtp://127.0.0.1:${port}`);
    const during = (m: SmtpMailer) => sut({}, { mailer: m });
    const waiting = [await newAlert(), await newAlert(), await newAlert()];
    for (const a of waiting) await record([matchOf(a), matchOf(a)]);
    clock.advance(121_000);

    const whileDown = await during(relayMailer).run();
    relayMailer.close();
    const back = await new SmtpCapture().start(port);
    const backMailer = relayAt(back.url);
    try {
      const afterwards = await during(backMailer).run();
      const again = await during(backMailer).run();

      expect(whileDown.filter((o) => o === 'sent')).toHaveLength(0);
      expect(whileDown).toContain('retry_later');
      expect(afterwards.filter((o) => o === 'sent')).toHaveLength(waiting.length);
      expect(again.filter((o) => o === 'sent')).toHaveLength(0);
      for (const a of waiting) {
        const got = back.to(a.contact.email);
        expect(got).toHaveLength(1);
        expect(got[0]!.subject).toBe('2 nouvelles offres pour votre alerte');
      }
    } finally {
      backMailer.close();
      await back.stop();
    }
  });

  it('holds an instant e-mail during quiet hours until the morning', async () => {
    clock.set('2026-12-01T22:30:00.000Z'); // 23:30 in Paris
    const alert = await newAlert();
    await record([matchOf(alert)]);
    clock.advance(121_000);
    expect(await sut().run()).toEqual(['not_due']);

    clock.set('2026-12-02T06:59:59.000Z'); // 07:59:59 in Paris: past 07:00 and the spread minute
    expect(await sut().run()).toEqual(['sent']);
  });

  it('sends a daily digest at the candidate’s local hour on both sides of the autumn DST change', async () => {
    const alert = await newAlert({
      frequency: 'daily',
      schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
    });
    const sentAt: Date[] = [];
    smtp.onMessage((m) => {
      if (m.envelopeTo.includes(alert.contact.email)) sentAt.push(clock.now());
    });
    for (const day of ['2026-10-24', '2026-10-26']) {
      clock.set(`${day}T00:00:00.000Z`);
      await record([matchOf(alert), matchOf(alert)]);
      // Step through the morning minute by minute (UTC 05:00–08:00) as the job would.
      for (let t = 5 * 60; t < 8 * 60; t++) {
        clock.set(new Date(`${day}T00:00:00.000Z`).getTime() + t * 60_000);
        await sut().run();
      }
    }

    expect(sentAt).toHaveLength(2);
    expect(sentAt.map((d) => toLocal(d, 'Europe/Paris').hour)).toEqual([8, 8]);
    expect(sentAt.map((d) => d.getUTCHours())).toEqual([6, 7]);
    expect(smtp.to(alert.contact.email)[0]!.subject).toBe('2 nouvelles offres pour votre alerte');
  });

  it('keeps a candidate under the daily cap; what waits goes out once a day has passed', async () => {
    clock.set('2026-12-03T09:00:00.000Z');
    const first = await newAlert();
    const second = await newAlert({ candidateId: first.candidateId, contact: first.contact });
    await record([matchOf(first), matchOf(second)]);
    clock.advance(121_000);

    expect((await sut({ dailyCap: 1 }).run()).sort()).toEqual(['capped', 'sent']);
    expect(smtp.to(first.contact.email)).toHaveLength(1);

    clock.advance(86_400_000 + 1_000);
    expect(await sut({ dailyCap: 1 }).run()).toEqual(['sent']);
    expect(smtp.to(first.contact.email)).toHaveLength(2);
  });
});
