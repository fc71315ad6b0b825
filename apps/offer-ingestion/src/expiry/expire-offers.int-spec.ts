import { offerChangedV2, OfferChangedV2, TOPICS } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { FakeClock } from '@vigie/kernel';
import {
  createKafka,
  ensureTopics,
  KafkaConnection,
  KafkaEventPublisher,
  KafkaSettings,
  OutboxRelay,
  OutboxWriter,
} from '@vigie/messaging';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import {
  offerInput,
  openTestDatabase,
  readTopic,
  TestDatabase,
  testInfra,
  testKafka,
  uniqueId,
} from '@vigie/testing';
import pino from 'pino';
import { OFFER_INGESTION_MIGRATIONS } from '../migrations/offer-ingestion-migrations';
import { normalizeOffer } from '../offers/normalized-offer';
import { OfferInputSchema } from '../offers/offer-input.schema';
import { PgOfferRepository } from '../offers/pg-offer.repository';
import { issueApiKey } from '../recruiters/api-key';
import { PgRecruiterRepository } from '../recruiters/pg-recruiter.repository';
import { ExpireOffersUseCase } from './expire-offers.usecase';
import { PgExpiringOffers } from './pg-expiring-offers';

const DAY = 86_400_000;
const START = '2026-12-01T08:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(START) + offsetMs).toISOString();

describe('offer expiry on Postgres and Kafka', () => {
  const logger = pino({ level: 'silent' });
  const kafka = testKafka(testInfra().kafkaBrokers);
  let db: TestDatabase;
  let settings: KafkaSettings;
  let connection: KafkaConnection;
  let relay: OutboxRelay;
  let recruiterId: string;
  const clock = new FakeClock(START);

  const offers = () => new PgOfferRepository(db.dataSource);
  const expiry = (batchSize: number) =>
    new ExpireOffersUseCase(
      new TypeOrmUnitOfWork(db.dataSource),
      new PgExpiringOffers(),
      new OutboxWriter(db.schema),
      clock,
      { maxAgeMs: 60 * DAY, batchSize },
    );
  const publish = async (inputs: Array<Record<string, unknown>>) =>
    new TypeOrmUnitOfWork(db.dataSource).run((tx) =>
      offers().upsertMany(
        tx,
        recruiterId,
        inputs.map((i) => normalizeOffer(OfferInputSchema.parse(offerInput(i)))),
      ),
    );
  const statusOf = async (ref: string) =>
    (
      await db.dataSource.query<Array<{ status: string; version: number }>>(
        `SELECT status, version FROM offers WHERE external_ref = $1`,
        [ref],
      )
    )[0];
  const announced = async () =>
    (await readTopic(kafka, `${settings.topicPrefix}${TOPICS.offerChanged}`)).map((m) =>
      offerChangedV2.value.parse(JSON.parse(m.value!)),
    );

  beforeAll(async () => {
    db = await openTestDatabase('expiry', OFFER_INGESTION_MIGRATIONS);
    settings = {
      brokers: testInfra().kafkaBrokers.split(','),
      clientId: 'expiry-test',
      topicPrefix: `${uniqueId('expiry')}.`,
      partitions: 1,
      replicationFactor: 1,
      ssl: false,
      producerName: 'vigie/test',
    };
    connection = new KafkaConnection(createKafka(settings, logger));
    await ensureTopics(connection, settings, {
      produces: [TOPICS.offerChanged, TOPICS.recruiterAccountChanged],
      consumes: [],
    });
    relay = new OutboxRelay(
      db.dataSource,
      new KafkaEventPublisher(connection, settings),
      { databaseUrl: testInfra().databaseUrl, schema: db.schema, pollIntervalMs: 60_000, batchSize: 500 },
      logger,
      new MetricsRegistry(),
      FaultInjector.none(),
    );
    recruiterId = (await new PgRecruiterRepository(db.dataSource).create('Maison Expire', issueApiKey())).id;
  });

  afterAll(async () => {
    await relay.close();
    await connection.close();
    await db.drop();
  });

  it('expires offers at their validThrough and at the maximum age, once, and announces each on Kafka', async () => {
    await publish([
      { externalRef: 'PAST-VALID', validThrough: at(-DAY) },
      { externalRef: 'OLD', publishedAt: at(-61 * DAY) },
      { externalRef: 'FRESH', publishedAt: at(-DAY) },
      { externalRef: 'VALID-TOMORROW', validThrough: at(DAY), publishedAt: at(-DAY) },
    ]);
    await db.dataSource.query(`UPDATE offers SET published_at = now() WHERE external_ref = 'PAST-VALID'`);

    expect(await expiry(500).execute()).toBe(2);
    expect(await expiry(500).execute()).toBe(0);
    expect(await statusOf('PAST-VALID')).toEqual({ status: 'expired', version: 2 });
    expect(await statusOf('OLD')).toEqual({ status: 'expired', version: 2 });
    expect(await statusOf('FRESH')).toEqual({ status: 'active', version: 1 });

    clock.advance(2 * DAY);
    expect(await expiry(500).execute()).toBe(1);
    expect(await statusOf('VALID-TOMORROW')).toEqual({ status: 'expired', version: 2 });

    while ((await relay.relayOnce()) > 0);
    const expired = (await announced()).filter((e: OfferChangedV2) => e.status === 'expired');
    expect(expired.map((e) => e.externalRef).sort()).toEqual(['OLD', 'PAST-VALID', 'VALID-TOMORROW']);
    for (const e of expired) expect(e).toMatchObject({ offer: null, version: 2, recruiterId });
  });

  it('an expired offer sent again unchanged stays expired; changed, it comes back', async () => {
    clock.set(START);
    await publish([{ externalRef: 'AGAIN', validThrough: at(-DAY) }]);
    expect(await expiry(500).execute()).toBe(1);

    const same = await publish([{ externalRef: 'AGAIN', validThrough: at(-DAY) }]);
    expect(same.changed).toEqual([]);
    expect(await statusOf('AGAIN')).toEqual({ status: 'expired', version: 2 });

    const renewed = await publish([{ externalRef: 'AGAIN', validThrough: at(30 * DAY) }]);
    expect(renewed.changed[0]).toMatchObject({ status: 'active', version: 3 });
    expect(await expiry(500).execute()).toBe(0);
  });

  it('replicas running the job at once share the due offers without expiring one twice', async () => {
    clock.set(START);
    const refs = Array.from({ length: 60 }, (_, i) => `BULK-${i}`);
    await publish(refs.map((externalRef) => ({ externalRef, validThrough: at(-1) })));
    const before = Number((await db.dataSource.query(`SELECT count(*) AS n FROM outbox`))[0].n);

    const counts = await Promise.all([expiry(7).execute(), expiry(7).execute(), expiry(7).execute()]);

    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    const rows: Array<{ n: string }> = await db.dataSource.query(
      `SELECT count(*) AS n FROM offers WHERE external_ref LIKE 'BULK-%' AND status = 'expired' AND version = 2`,
    );
    expect(Number(rows[0]!.n)).toBe(60);
    const after = Number((await db.dataSource.query(`SELECT count(*) AS n FROM outbox`))[0].n);
    expect(after - before).toBe(60);
  });
});
