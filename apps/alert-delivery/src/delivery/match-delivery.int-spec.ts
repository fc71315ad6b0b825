import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deadLetterTopicOf, envelopeToHeaders, MatchCreatedV1, TOPICS } from '@vigie/contracts';
import { DLQ_HEADERS, KafkaSettings, MessagingModule, startKafkaTransport } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, HealthModule, MetricsModule } from '@vigie/observability';
import {
  eventually,
  goldenFixture,
  openTestDatabase,
  produce,
  readTopic,
  SmtpCapture,
  testInfra,
  testKafka,
  TestDatabase,
  TEST_SECRETS,
  uniqueId,
} from '@vigie/testing';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { Mailer } from '../mail/mailer.port';
import { SmtpMailer } from '../mail/smtp-mailer';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgSuppressionList } from '../suppression/pg-suppression-list';
import { SuppressionList } from '../suppression/suppression-list.port';
import { DeliverMatchesUseCase, DELIVERY_SETTINGS, DeliverySettings } from './deliver-matches.usecase';
import { DeliveryLedger, PgDeliveryLedger } from './delivery-ledger';
import { MatchCreatedConsumer } from './match-created.consumer';

const fixture = goldenFixture<MatchCreatedV1>(TOPICS.matchCreated, 'instant');

/** A match of its own candidate and alert, to the given address. */
function matchFor(email: string, title = 'Infirmier de nuit (H/F)'): MatchCreatedV1 {
  return {
    ...fixture,
    matchId: randomUUID(),
    alertId: randomUUID(),
    candidateId: `cand-${randomUUID().slice(0, 8)}`,
    offerId: randomUUID(),
    recipient: { email },
    offer: { ...fixture.offer, title },
  };
}

const message = (m: MatchCreatedV1) => ({
  key: m.alertId,
  value: JSON.stringify(m),
  headers: envelopeToHeaders({
    eventId: randomUUID(),
    eventType: 'alerts.match.created',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${m.matchId}`,
    producer: 'vigie/test',
  }),
});

/** The delivery consumer wired as the service wires it, on real Kafka, Postgres and SMTP. */
describe('Match delivery on Kafka, Postgres and SMTP', () => {
  const infra = testInfra();
  const kafka = testKafka(infra.kafkaBrokers);
  const prefix = `${uniqueId('delivery')}.`;
  const topic = `${prefix}${TOPICS.matchCreated}`;
  let app: INestApplication;
  let db: TestDatabase;
  let smtp: SmtpCapture;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    db = await openTestDatabase('delivery', ALERT_DELIVERY_MIGRATIONS);
    smtp = await new SmtpCapture().start();
    mailer = new SmtpMailer({
      url: smtp.url,
      from: 'Vigie <alertes@vigie.localhost>',
      requireTls: false,
      maxConnections: 2,
    });
    const settings: KafkaSettings = {
      brokers: infra.kafkaBrokers.split(','),
      clientId: 'delivery-test',
      topicPrefix: prefix,
      partitions: 1,
      replicationFactor: 1,
      ssl: false,
      producerName: 'vigie/test',
    };
    const faults = new FaultInjector(FAULT_POINTS.deliveryComposeBug, 'test');
    const moduleRef = await Test.createTestingModule({
      imports: [
        MetricsModule,
        HealthModule,
        MessagingModule.forRoot({
          kafka: settings,
          consumer: { groupId: 'alert-delivery', maxAttempts: 2, batchSize: 100 },
          logger: pino({ level: 'silent' }),
          faults,
          produces: [],
          consumes: [TOPICS.matchCreated],
        }),
      ],
      controllers: [MatchCreatedConsumer],
      providers: [
        { provide: FaultInjector, useValue: faults },
        { provide: DataSource, useValue: db.dataSource },
        { provide: Mailer, useValue: mailer },
        {
          provide: DELIVERY_SETTINGS,
          useValue: {
            alertsPublicUrl: 'http://127.0.0.1:3004',
            unsubscribeSecret: TEST_SECRETS.UNSUBSCRIBE_SECRET,
            leaseMs: 60_000,
            mailDomain: 'vigie.localhost',
            owner: 'int-test',
            concurrency: 2,
          } satisfies DeliverySettings,
        },
        { provide: DeliveryLedger, useClass: PgDeliveryLedger },
        { provide: SuppressionList, useClass: PgSuppressionList },
        DeliverMatchesUseCase,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    await startKafkaTransport(app);
  });

  afterAll(async () => {
    await app?.close();
    mailer?.close();
    await smtp?.stop();
    await db?.drop();
  });

  it('dead-letters a match whose handler throws, and the next candidate still gets their e-mail', async () => {
    const poison = matchFor('poison@example.org', 'Aide-soignant [fault]');
    const next = matchFor('nadia.roux@example.org');

    await produce(kafka, topic, [message(poison), message(next)]);

    await eventually(() => expect(smtp.to('nadia.roux@example.org')).toHaveLength(1), { timeoutMs: 60_000 });
    const letters = await eventually(async () => {
      const all = await readTopic(kafka, `${prefix}${deadLetterTopicOf(TOPICS.matchCreated)}`);
      expect(all).toHaveLength(1);
      return all;
    });
    expect(letters[0]!.headers[DLQ_HEADERS.code]).toBe('DELIVERY_FAILED');
    expect(letters[0]!.headers[DLQ_HEADERS.reason]).toContain(FAULT_POINTS.deliveryComposeBug);
    expect(JSON.parse(letters[0]!.value!)).toMatchObject({ matchId: poison.matchId });
    expect(smtp.to('poison@example.org')).toHaveLength(0);
    // Its claim was given back: a replay of the dead letter after a fix sends it as a first attempt.
    const rows: unknown[] = await db.dataSource.query(`SELECT 1 FROM deliveries WHERE match_id = $1`, [
      poison.matchId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('sends a v1 match with a hostile title escaped in the HTML part and as written in the text part', async () => {
    const title = `<script>alert("x")</script> & 'co'`;
    const match = matchFor('hostile.title@example.org', title);

    await produce(kafka, topic, [message(match)]);

    const [mail] = await eventually(
      () => {
        const got = smtp.to('hostile.title@example.org');
        expect(got).toHaveLength(1);
        return got;
      },
      { timeoutMs: 60_000 },
    );
    expect(mail!.subject).toBe(`Nouvelle offre : ${title}`);
    expect(mail!.html).toContain(
      '<h2>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;co&#x27; <small>',
    );
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.text).toContain(`${title} (CDI)`);
  });

  it('retries 421 and 450 replies until the relay accepts, and sends the e-mail once', async () => {
    const email = 'lucas.girard@example.org';
    smtp.replyTo(email, { code: 421, message: 'Service not available, try again', times: 1 });
    const match = matchFor(email);
    const deferred = matchFor('deferred@example.org');
    smtp.replyTo('deferred@example.org', { code: 450, message: 'Mailbox busy', times: 2 });

    await produce(kafka, topic, [message(match), message(deferred)]);

    await eventually(
      () => {
        expect(smtp.to(email)).toHaveLength(1);
        expect(smtp.to('deferred@example.org')).toHaveLength(1);
      },
      { timeoutMs: 60_000 },
    );
    const sent: Array<{ status: string }> = await db.dataSource.query(
      `SELECT status FROM deliveries WHERE match_id = ANY($1::uuid[])`,
      [[match.matchId, deferred.matchId]],
    );
    expect(sent.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('suppresses an address the relay refuses with 550, and mails it no more', async () => {
    const email = 'ancien.salarie@example.org';
    smtp.replyTo(email, { code: 550, message: 'No such user here' });
    const first = matchFor(email);
    const later = { ...matchFor(email), alertId: first.alertId };
    const witness = matchFor('witness@example.org');

    await produce(kafka, topic, [message(first)]);
    await eventually(async () => {
      const rows: Array<{ status: string; failure: string }> = await db.dataSource.query(
        `SELECT status, failure FROM deliveries WHERE match_id = $1`,
        [first.matchId],
      );
      expect(rows[0]).toMatchObject({ status: 'failed' });
      expect(rows[0]!.failure).toContain('550');
    });
    expect(await new PgSuppressionList(db.dataSource).suppressedAmong([email.toUpperCase()])).toEqual(
      new Set([email]),
    );

    // The same address again: not even offered to the relay. The witness behind it proves the
    // consumer got past it.
    const attempts = smtp.messages.length;
    await produce(kafka, topic, [message(later), message(witness)]);
    await eventually(() => expect(smtp.to('witness@example.org')).toHaveLength(1), { timeoutMs: 60_000 });
    const laterRows: unknown[] = await db.dataSource.query(`SELECT 1 FROM deliveries WHERE match_id = $1`, [
      later.matchId,
    ]);
    expect(laterRows).toHaveLength(0);
    expect(smtp.messages.length).toBe(attempts + 1);
  });
});
