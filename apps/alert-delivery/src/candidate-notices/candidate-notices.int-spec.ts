import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import {
  candidateNotificationAddressChangedV1,
  cvContactRequestCreatedV1,
  deadLetterTopicOf,
  CvContactRequestCreatedV1,
  cvRetentionWarningCreatedV1,
  CvRetentionWarningCreatedV1,
  cvViewSummaryCreatedV1,
  CvViewSummaryCreatedV1,
  EventDefinition,
  erasureRequestedV1,
  TOPICS,
} from '@vigie/contracts';
import { Clock, FakeClock, SubjectCipher } from '@vigie/kernel';
import { buildEvent, buildTombstone, OutgoingEvent } from '@vigie/messaging';
import { MetricsRegistry } from '@vigie/observability';
import {
  eventually,
  goldenFixture,
  openSharedTestKeys,
  openTestDatabase,
  produce,
  readTopic,
  SharedTestKeys,
  SmtpCapture,
  startTestConsumer,
  testInfra,
  testKafka,
  TestDatabase,
  TEST_SECRETS,
  uniqueId,
} from '@vigie/testing';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { destroySubjectKeys } from '@vigie/database';
import { DELIVERY_SETTINGS } from '../delivery/deliver-matches.usecase';
import { EmailLedger } from '../dispatch/email-ledger.port';
import { PgEmailLedger } from '../dispatch/pg-email-ledger';
import { ErasureRequestedConsumer } from '../erasure/erasure-requested.consumer';
import { erasureProviders } from '../erasure/erasure.providers';
import { Mailer } from '../mail/mailer.port';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgSuppressionList } from '../suppression/pg-suppression-list';
import { SuppressionList } from '../suppression/suppression-list.port';
import { startTestRelay, TEST_DELIVERY_SETTINGS, TestRelay } from '../../test/test-relay';
import { CandidateNoticeConsumers, NotificationAddressConsumer } from './candidate-notices.consumers';
import { candidateNoticeProviders } from './candidate-notices.providers';
import { CvEmailsOptOutController } from './cv-emails-opt-out.controller';
import { SendCandidateNoticesUseCase } from './send-candidate-notices.usecase';

const summaryFixture = goldenFixture<CvViewSummaryCreatedV1>(TOPICS.cvViewSummaryCreated, 'weekly');
const warningFixture = goldenFixture<CvRetentionWarningCreatedV1>(
  TOPICS.cvRetentionWarningCreated,
  'month-before',
);
const contactFixture = goldenFixture<CvContactRequestCreatedV1>(
  TOPICS.cvContactRequestCreated,
  'with-message',
);
const HOLD_MS = 3_600_000;

/** Before the test clock starts: every event is older than an erasure the tests run. */
const CREATED_AT = '2026-11-30T06:00:00.000Z';

/** A candidate of its own, with the three events about their CVs. */
function candidate() {
  const candidateId = `cand-${randomUUID().slice(0, 8)}`;
  return {
    candidateId,
    email: `${candidateId}@example.org`,
    summary: { ...summaryFixture, candidateId, summaryId: randomUUID(), createdAt: CREATED_AT },
    warning: { ...warningFixture, candidateId, warningId: randomUUID(), createdAt: CREATED_AT },
    contact: {
      ...contactFixture,
      candidateId,
      createdAt: CREATED_AT,
      requestId: randomUUID(),
      company: 'Clinique <b>du Parc</b>',
      message: 'Bonjour,\nun poste de nuit <script>x</script> vous intéresserait ?',
    },
  };
}
type Candidate = ReturnType<typeof candidate>;

/**
 * The CV e-mails wired as the service wires them: cv-intake's events and the address on real
 * Kafka, the notices, ledger and projection on Postgres, the e-mails through SMTP, the opt-out
 * over HTTP. The clock is fake so the hold can be crossed.
 */
describe('CV e-mails on Kafka, Postgres and SMTP', () => {
  const infra = testInfra();
  const kafka = testKafka(infra.kafkaBrokers);
  const prefix = `${uniqueId('cv-mail')}.`;
  const clock = new FakeClock('2026-11-30T07:00:00.000Z');
  let app: INestApplication;
  let baseUrl: string;
  let db: TestDatabase;
  let smtp: SmtpCapture;
  let relay: TestRelay;
  let sut: SendCandidateNoticesUseCase;
  let keys: SharedTestKeys;

  const send = (definition: EventDefinition, events: OutgoingEvent[]) =>
    produce(
      kafka,
      `${prefix}${definition.topic}`,
      events.map((e) => ({ key: e.key, value: e.value === '' ? null : e.value, headers: e.headers })),
    );
  const event = <D extends EventDefinition>(definition: D, value: Parameters<D['keyOf']>[0]) =>
    buildEvent(definition, value, { producer: 'vigie/cv-intake' });
  const announce = (c: Candidate) =>
    send(candidateNotificationAddressChangedV1, [
      event(candidateNotificationAddressChangedV1, {
        candidateId: c.candidateId,
        email: c.email,
        changedAt: clock.now().toISOString(),
      }),
    ]);
  const publishAll = async (c: Candidate) => {
    await send(cvViewSummaryCreatedV1, [event(cvViewSummaryCreatedV1, c.summary)]);
    await send(cvRetentionWarningCreatedV1, [event(cvRetentionWarningCreatedV1, c.warning)]);
    await send(cvContactRequestCreatedV1, [event(cvContactRequestCreatedV1, c.contact)]);
  };
  async function noticesOf(candidateId: string): Promise<string[]> {
    const rows: Array<{ notice_key: string }> = await db.dataSource.query(
      `SELECT notice_key FROM candidate_notices WHERE candidate_id = $1`,
      [candidateId],
    );
    return rows.map((r) => r.notice_key);
  }
  async function addressOf(candidateId: string): Promise<string | undefined> {
    const rows: Array<{ email: string }> = await db.dataSource.query(
      `SELECT email FROM candidate_addresses WHERE candidate_id = $1`,
      [candidateId],
    );
    return rows[0]?.email;
  }

  beforeAll(async () => {
    db = await openTestDatabase('cv-mail', ALERT_DELIVERY_MIGRATIONS);
    keys = await openSharedTestKeys(db.dataSource, db.schema);
    relay = await startTestRelay();
    smtp = relay.smtp;
    app = await startTestConsumer({
      brokers: infra.kafkaBrokers,
      topicPrefix: prefix,
      clientId: 'cv-mail-test',
      groupId: 'alert-delivery',
      produces: [TOPICS.erasureConfirmed],
      consumes: [
        TOPICS.candidateNotificationAddressChanged,
        TOPICS.cvViewSummaryCreated,
        TOPICS.cvRetentionWarningCreated,
        TOPICS.cvContactRequestCreated,
        TOPICS.erasureRequested,
      ],
      controllers: [
        CandidateNoticeConsumers,
        NotificationAddressConsumer,
        ErasureRequestedConsumer,
        CvEmailsOptOutController,
      ],
      providers: [
        { provide: DataSource, useValue: db.dataSource },
        { provide: Mailer, useValue: relay.mailer },
        { provide: Clock, useValue: clock },
        { provide: SubjectCipher, useValue: keys.cipher },
        { provide: DELIVERY_SETTINGS, useValue: TEST_DELIVERY_SETTINGS },
        { provide: EmailLedger, useClass: PgEmailLedger },
        { provide: SuppressionList, useClass: PgSuppressionList },
        ...erasureProviders,
        ...candidateNoticeProviders(
          {
            CANDIDATE_SPACE_URL: 'https://emploi.example.fr/candidat',
            DELIVERY_PUBLIC_URL: 'https://delivery.example.fr',
            CV_EMAIL_HOLD_MS: HOLD_MS,
            ALERT_LINK_SECRET: TEST_SECRETS.ALERT_LINK_SECRET,
            SMTP_MAX_CONNECTIONS: 2,
          },
          pino({ level: 'silent' }),
        ),
      ],
      listen: true,
    });
    baseUrl = await app.getUrl();
    sut = app.get(SendCandidateNoticesUseCase);
  });

  afterAll(async () => {
    await app?.close();
    await relay?.stop();
    await keys?.drop();
    await db?.drop();
  });

  it('sends the three CV e-mails once each, in French, plain and HTML, and a replay sends nothing more', async () => {
    const c = candidate();
    await announce(c);
    await publishAll(c);
    await eventually(async () => expect(await noticesOf(c.candidateId)).toHaveLength(3));
    await eventually(async () => expect(await addressOf(c.candidateId)).toBe(c.email));

    expect(await sut.run()).toEqual(['sent', 'sent', 'sent']);
    const mails = smtp.to(c.email);
    const bySubject = new Map(mails.map((m) => [m.subject, m]));
    expect([...bySubject.keys()].sort()).toEqual([
      'Clinique <b>du Parc</b> souhaite vous contacter',
      'Votre CV a été consulté par 4 recruteurs cette semaine',
      'Votre CV sera supprimé le 20 décembre 2026',
    ]);
    const views = bySubject.get('Votre CV a été consulté par 4 recruteurs cette semaine')!;
    expect(views.text).toContain(
      'Semaine du 23 novembre 2026 : votre CV a été ouvert 7 fois par 4 recruteurs.',
    );
    expect(views.text).toContain('- Atelier Numérique Lyonnais');
    expect(views.text).toContain('https://emploi.example.fr/candidat/cv/vues');
    expect(views.html).toContain('<html lang="fr">');
    expect(views.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const warning = bySubject.get('Votre CV sera supprimé le 20 décembre 2026')!;
    expect(warning.text).toContain('https://emploi.example.fr/candidat/cv/conservation');
    expect(warning.header('List-Unsubscribe')).toBeUndefined();
    const request = bySubject.get('Clinique <b>du Parc</b> souhaite vous contacter')!;
    expect(request.text).toContain(`https://emploi.example.fr/candidat/cv/contacts/${c.contact.requestId}`);
    expect(request.text).toContain('un poste de nuit <script>x</script> vous intéresserait ?');
    // The HTML part escapes what the recruiter wrote.
    expect(request.html).toContain('Clinique &lt;b&gt;du Parc&lt;/b&gt;');
    expect(request.html).not.toContain('<script>');
    expect(request.header('X-Vigie-Alert-Id')).toBeUndefined();

    // The topics replayed (at-least-once): recorded again, claimed as already sent.
    await announce(c);
    await publishAll(c);
    await eventually(async () => expect(await noticesOf(c.candidateId)).toHaveLength(3));
    expect(await sut.run()).toEqual(['already_sent', 'already_sent', 'already_sent']);
    expect(smtp.to(c.email)).toHaveLength(3);
    expect(await noticesOf(c.candidateId)).toEqual([]);
  });

  it('holds an e-mail until the address arrives, and drops one whose address never comes', async () => {
    const late = candidate();
    const never = candidate();
    await send(cvContactRequestCreatedV1, [
      event(cvContactRequestCreatedV1, late.contact),
      event(cvContactRequestCreatedV1, never.contact),
    ]);
    await eventually(async () => expect(await noticesOf(never.candidateId)).toHaveLength(1));
    expect(await sut.run()).toEqual(['waiting_for_address', 'waiting_for_address']);

    await announce(late);
    await eventually(async () => expect(await addressOf(late.candidateId)).toBe(late.email));
    clock.advance(HOLD_MS);
    expect((await sut.run()).sort()).toEqual(['dropped_no_address', 'sent']);
    expect(smtp.to(late.email).map((m) => m.subject)).toEqual([
      'Clinique <b>du Parc</b> souhaite vous contacter',
    ]);
    expect(smtp.to(never.email)).toEqual([]);
    expect(await noticesOf(never.candidateId)).toEqual([]);
  });

  it('turns the optional CV e-mails off from the List-Unsubscribe URL (one-click), the legal warning excepted', async () => {
    const c = candidate();
    await announce(c);
    await send(cvContactRequestCreatedV1, [event(cvContactRequestCreatedV1, c.contact)]);
    await eventually(async () => expect(await noticesOf(c.candidateId)).toHaveLength(1));
    await eventually(async () => expect(await addressOf(c.candidateId)).toBe(c.email));
    expect(await sut.run()).toEqual(['sent']);
    const link = new URL(/^<(.+)>$/.exec(smtp.to(c.email)[0]!.header('List-Unsubscribe')!)![1]!);
    const local = `${baseUrl}${link.pathname}${link.search}`;

    // A GET (a link scanner) changes nothing; a forged token is refused.
    expect((await fetch(local)).status).toBe(200);
    const forged = await fetch(`${local.slice(0, -2)}xx`, { method: 'POST' });
    expect(forged.status).toBe(403);
    const oneClick = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await fetch(local, { method: 'POST' })).status).toBe(200); // idempotent

    await publishAll({ ...c, contact: { ...c.contact, requestId: randomUUID() } });
    await eventually(async () => expect(await noticesOf(c.candidateId)).toHaveLength(3));
    expect((await sut.run()).sort()).toEqual(['opted_out', 'opted_out', 'sent']);
    expect(smtp.to(c.email).map((m) => m.subject)).toEqual([
      'Clinique <b>du Parc</b> souhaite vous contacter',
      'Votre CV sera supprimé le 20 décembre 2026',
    ]);
  });

  it('forgets the address on erasure: late records of the candidate are refused, nothing is sent', async () => {
    const c = candidate();
    await announce(c);
    await send(cvContactRequestCreatedV1, [event(cvContactRequestCreatedV1, c.contact)]);
    await eventually(async () => expect(await noticesOf(c.candidateId)).toHaveLength(1));
    await eventually(async () => expect(await addressOf(c.candidateId)).toBe(c.email));

    await send(erasureRequestedV1, [
      event(erasureRequestedV1, {
        erasureId: randomUUID(),
        candidateId: c.candidateId,
        requestedAt: clock.now().toISOString(),
        services: ['alert-delivery'],
      }),
    ]);
    await eventually(async () => expect(await addressOf(c.candidateId)).toBeUndefined());
    expect(await noticesOf(c.candidateId)).toEqual([]);

    // Records produced before the erasure and read after it (the topics are consumed apart): the
    // address and the events are refused. Another candidate's records, behind them on the same
    // partitions, tell when they were read.
    const behind = candidate();
    await announce(c);
    await announce(behind);
    await publishAll(c);
    await publishAll(behind);
    await eventually(async () => expect(await noticesOf(behind.candidateId)).toHaveLength(3));
    await eventually(async () => expect(await addressOf(behind.candidateId)).toBe(behind.email));
    expect(await addressOf(c.candidateId)).toBeUndefined();
    expect(await noticesOf(c.candidateId)).toEqual([]);
    await send(candidateNotificationAddressChangedV1, [
      buildTombstone(candidateNotificationAddressChangedV1, c.candidateId, { producer: 'vigie/cv-intake' }),
    ]);
    expect((await sut.run()).filter((o) => o !== 'sent')).toEqual([]);
    expect(smtp.to(c.email)).toEqual([]);
    expect(smtp.to(behind.email)).toHaveLength(3);
    const left: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM candidate_addresses WHERE candidate_id = $1
       UNION ALL SELECT 1 FROM candidate_notices WHERE candidate_id = $1
       UNION ALL SELECT 1 FROM emails WHERE candidate_id = $1`,
      [c.candidateId],
    );
    expect(left).toEqual([]);

    // A candidate who comes back acts anew: their newer address is kept again.
    clock.advance(1_000);
    await announce(c);
    await eventually(async () => expect(await addressOf(c.candidateId)).toBe(c.email));
  });

  /** The three records as cv-intake writes them now: the candidate's fields sealed under their key. */
  async function sealedRecords(c: Candidate) {
    const seal = (fields: { candidateId: string }) =>
      keys.cipher.encrypt(c.candidateId, JSON.stringify(fields));
    const { summaryId, createdAt, ...summary } = c.summary;
    const { warningId, createdAt: warnedAt, ...warning } = c.warning;
    const { requestId, createdAt: askedAt, ...contact } = c.contact;
    return {
      summary: event(cvViewSummaryCreatedV1, { summaryId, createdAt, sealed: await seal(summary) }),
      warning: event(cvRetentionWarningCreatedV1, {
        warningId,
        createdAt: warnedAt,
        sealed: await seal(warning),
      }),
      contact: event(cvContactRequestCreatedV1, {
        requestId,
        createdAt: askedAt,
        sealed: await seal(contact),
      }),
    };
  }
  const publishSealed = async (records: Awaited<ReturnType<typeof sealedRecords>>) => {
    await send(cvViewSummaryCreatedV1, [records.summary]);
    await send(cvRetentionWarningCreatedV1, [records.warning]);
    await send(cvContactRequestCreatedV1, [records.contact]);
  };

  it('sends sealed records like clear ones; after the erasure the sealed ones cannot be opened and nothing is sent', async () => {
    const live = candidate();
    const erased = candidate();
    await announce(live);
    await announce(erased);
    const ofLive = await sealedRecords(live);
    const ofErased = await sealedRecords(erased);
    // Keyed by the key id, the records name neither the candidate nor the company nor the message.
    for (const record of Object.values(ofErased)) {
      expect(record.key).toBe((JSON.parse(record.value) as { sealed: { kid: string } }).sealed.kid);
      expect(record.value).not.toMatch(new RegExp(`${erased.candidateId}|Clinique|poste de nuit`));
    }
    await eventually(async () => expect(await addressOf(erased.candidateId)).toBe(erased.email));

    // Produced before the erasure, read after it: the erasure (cv-intake's or alert-matcher's)
    // destroyed the candidate's key in its transaction.
    await db.dataSource.transaction((tx) =>
      destroySubjectKeys(tx, keys.table, [erased.candidateId], { tombstones: true }),
    );
    await publishSealed(ofErased);
    await publishSealed(ofLive);
    await eventually(async () => expect(await noticesOf(live.candidateId)).toHaveLength(3));
    const dropped = async () =>
      (await app.get(MetricsRegistry).counter('cv_emails_dropped_total', '', ['kind', 'reason']).get()).values
        .filter((v) => v.labels.reason === 'subject_erased')
        .reduce((n, v) => n + v.value, 0);
    await eventually(async () => expect(await dropped()).toBe(3));
    expect(await noticesOf(erased.candidateId)).toEqual([]);
    await expect(keys.opened(JSON.parse(ofErased.contact.value) as object)).rejects.toMatchObject({
      code: 'subject-erased',
    });

    expect((await sut.run()).filter((o) => o !== 'sent')).toEqual([]);
    expect(smtp.to(erased.email)).toEqual([]);
    const mails = smtp.to(live.email);
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => m.text).join('\n')).toContain('poste de nuit');
    for (const topic of [
      TOPICS.cvViewSummaryCreated,
      TOPICS.cvRetentionWarningCreated,
      TOPICS.cvContactRequestCreated,
    ]) {
      const letters = await readTopic(kafka, `${prefix}${deadLetterTopicOf(topic)}`).catch(() => []);
      expect(letters).toEqual([]);
    }
  });

  it('dead-letters a sealed record whose envelope is not its candidate’s, and sends nothing for it', async () => {
    const c = candidate();
    const other = candidate();
    await announce(c);
    const { requestId, createdAt } = c.contact;
    // Sealed under another candidate's key: the key cannot vouch for this candidate.
    const { requestId: _, createdAt: __, ...fields } = c.contact;
    const forged = event(cvContactRequestCreatedV1, {
      requestId,
      createdAt,
      sealed: await keys.cipher.encrypt(other.candidateId, JSON.stringify(fields)),
    });
    await send(cvContactRequestCreatedV1, [forged]);
    const dlq = `${prefix}${deadLetterTopicOf(TOPICS.cvContactRequestCreated)}`;
    await eventually(async () => expect((await readTopic(kafka, dlq)).length).toBeGreaterThan(0), {
      timeoutMs: 60_000,
    });
    const letters = await readTopic(kafka, dlq);
    expect(letters.some((l) => JSON.stringify(l).includes('SEALED_FIELD_INVALID'))).toBe(true);
    expect(await noticesOf(c.candidateId)).toEqual([]);
    expect(await noticesOf(other.candidateId)).toEqual([]);
  });
});
