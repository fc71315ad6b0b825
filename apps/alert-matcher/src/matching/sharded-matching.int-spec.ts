import { randomUUID } from 'node:crypto';
import {
  AlertChangedV1,
  envelopeToHeaders,
  matchCreatedV2,
  OfferIndexedV2,
  SearchCriteriaSchema,
  TOPICS,
} from '@vigie/contracts';
import { ensureSharedSubjectKeys, PgSubjectKeyStore, TypeOrmUnitOfWork } from '@vigie/database';
import { AesGcmSubjectCipher, PlainDataKeys } from '@vigie/kernel';
import { loadGazetteer } from '@vigie/geo';
import { createKafka, ensureTopics, KafkaConnection, KafkaSettings, OutboxWriter } from '@vigie/messaging';
import { HealthRegistry, MetricsRegistry } from '@vigie/observability';
import {
  eventually,
  goldenFixture,
  openTestDatabase,
  produce,
  testInfra,
  testKafka,
  TestDatabase,
  uniqueId,
} from '@vigie/testing';
import pino from 'pino';
import { DEFAULT_SCHEDULE } from '../alerts/alert';
import { PgAlertRepository } from '../alerts/pg-alert.repository';
import { ALERT_MATCHER_MIGRATIONS } from '../migrations/alert-matcher-migrations';
import { AlertBook } from './alert-book';
import { AlertChangedFeed } from './alert-changed.feed';
import { loadAnchoredAlerts } from './alert-snapshot';
import { AlertTermFrequencies } from './alert-term-frequencies';
import { MatchOffersUseCase } from './match-offers.usecase';
import { MatcherRuntime } from './matcher.runtime';
import { matchingEngine } from './matching-engine.factory';
import { PgAlertKeywordCounts } from './pg-alert-keyword-counts';
import { PgMatchRepository } from './pg-match.repository';
import { shardOf } from './shards';
import { ShardedOfferConsumers } from './sharded-offer.consumers';

const SHARDS = 4;
jest.setTimeout(180_000);
const logger = pino({ level: 'silent' });
const indexedFixture = goldenFixture<OfferIndexedV2>(TOPICS.offerIndexed, 'active');

const headers = (eventType: string, schemaVersion: number) =>
  envelopeToHeaders({
    eventId: randomUUID(),
    eventType,
    schemaVersion,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    producer: 'vigie/test',
  });

/** A newly indexed welder offer (every alert of these tests asks for « soudeur »). */
function welderOffer(): { key: string; value: string; headers: Record<string, string> } {
  const value: OfferIndexedV2 = {
    ...indexedFixture,
    offerId: randomUUID(),
    indexedAt: new Date().toISOString(),
    offer: { ...indexedFixture.offer!, title: 'Soudeur TIG (H/F)', clusterId: null, validThrough: null },
  };
  return { key: value.offerId, value: JSON.stringify(value), headers: headers('offers.offer.indexed', 2) };
}

/** Matching on real Kafka and Postgres: the alert feed, the shard consumers, restarts. */
describe('sharded matching on Kafka and Postgres', () => {
  const infra = testInfra();
  const kafka = testKafka(infra.kafkaBrokers);
  const settings: KafkaSettings = {
    brokers: infra.kafkaBrokers.split(','),
    clientId: 'matcher-test',
    topicPrefix: `${uniqueId('matching')}.`,
    partitions: 2,
    replicationFactor: 1,
    ssl: false,
    producerName: 'vigie/test',
  };
  const gazetteer = loadGazetteer();
  let db: TestDatabase;
  let alerts: PgAlertRepository;
  const running: Array<{ close(): Promise<void> }> = [];

  /** One matcher instance owning these shards, wired as the service wires it. */
  async function startInstance(owned: number[]) {
    const connection = new KafkaConnection(createKafka(settings, logger));
    const frequencies = new AlertTermFrequencies();
    const book = new AlertBook(SHARDS, owned, () => matchingEngine(frequencies), gazetteer);
    const counts = new PgAlertKeywordCounts(db.dataSource);
    const feed = new AlertChangedFeed(
      connection,
      settings,
      book,
      (b) => loadAnchoredAlerts(counts, frequencies, alerts, b),
      logger,
    );
    const consumerSettings = { groupId: 'alert-matcher', maxAttempts: 2, batchSize: 100 };
    const metrics = new MetricsRegistry();
    const consumers = new ShardedOfferConsumers(connection, settings, consumerSettings, [], logger, metrics);
    const matchOffers = new MatchOffersUseCase(
      new TypeOrmUnitOfWork(db.dataSource),
      book,
      new PgMatchRepository(),
      new OutboxWriter(db.schema),
      false,
      new AesGcmSubjectCipher(
        new PgSubjectKeyStore(
          db.dataSource,
          await ensureSharedSubjectKeys(db.dataSource, db.schema),
          new PlainDataKeys(),
        ),
      ),
    );
    const runtime = new MatcherRuntime(book, feed, consumers, matchOffers, logger, new HealthRegistry());
    runtime.onApplicationBootstrap();
    await eventually(async () => expect((await runtime.check()).up).toBe(true), { timeoutMs: 60_000 });
    const instance = {
      book,
      close: async () => {
        await runtime.onApplicationShutdown();
        await connection.close();
      },
    };
    running.push(instance);
    return instance;
  }

  const stop = async (instance: { close(): Promise<void> }) => {
    running.splice(running.indexOf(instance), 1);
    await instance.close();
  };

  const matchPairs = async (): Promise<string[]> => {
    const rows: Array<{ pair: string }> = await db.dataSource.query(
      `SELECT alert_id || '/' || offer_id AS pair FROM matches`,
    );
    return rows.map((r) => r.pair);
  };
  const v2Events = async (): Promise<number> => {
    const rows: Array<{ n: string }> = await db.dataSource.query(
      `SELECT count(*) AS n FROM outbox WHERE topic = $1`,
      [matchCreatedV2.topic],
    );
    return Number(rows[0]!.n);
  };

  beforeAll(async () => {
    db = await openTestDatabase('matching', ALERT_MATCHER_MIGRATIONS);
    alerts = new PgAlertRepository(db.dataSource);
    const connection = new KafkaConnection(createKafka(settings, logger));
    await ensureTopics(connection, settings, {
      produces: [TOPICS.alertChanged],
      consumes: [TOPICS.offerIndexed],
    });
    await connection.close();
  });

  afterAll(async () => {
    for (const instance of [...running]) await instance.close();
    await db?.drop();
  });

  it('applies an alert change from the topic within a second', async () => {
    const instance = await startInstance([0, 1, 2, 3]);
    const now = new Date().toISOString();
    const state: AlertChangedV1 = {
      alertId: randomUUID(),
      candidateId: 'cand-feed',
      version: 1,
      status: 'active',
      criteria: SearchCriteriaSchema.parse({ q: 'soudeur', where: { kind: 'department', code: '44' } }),
      frequency: 'instant',
      schedule: DEFAULT_SCHEDULE,
      snoozedUntil: null,
      contact: { email: 'feed@example.org' },
      createdAt: now,
      changedAt: now,
    };
    const publish = (s: AlertChangedV1 | null) =>
      produce(kafka, `${settings.topicPrefix}${TOPICS.alertChanged}`, [
        {
          key: state.alertId,
          value: s ? JSON.stringify(s) : null,
          headers: headers('alerts.alert.changed', 1),
        },
      ]);

    let started = Date.now();
    await publish(state);
    await eventually(() => expect(instance.book.has(state.alertId)).toBe(true), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    const activated = Date.now() - started;

    started = Date.now();
    await publish({ ...state, version: 2, status: 'paused' });
    await eventually(() => expect(instance.book.has(state.alertId)).toBe(false), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    const paused = Date.now() - started;

    await publish({ ...state, version: 3 });
    await eventually(() => expect(instance.book.has(state.alertId)).toBe(true), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    await publish(null);
    await eventually(() => expect(instance.book.has(state.alertId)).toBe(false), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });

    expect({ activated: activated < 1_000, paused: paused < 1_000 }).toEqual({
      activated: true,
      paused: true,
    });
    await stop(instance);
  });

  it('splits the shards between two instances with no lost or duplicated match, and a restart misses nothing', async () => {
    // Alerts in both halves of the shards, created before the offers (and loaded from Postgres at start).
    const made: string[] = [];
    const halves = [0, 0];
    const uow = new TypeOrmUnitOfWork(db.dataSource);
    while (halves[0]! < 3 || halves[1]! < 3) {
      const alert = await uow.run((tx) =>
        alerts.insert(
          tx,
          {
            candidateId: `cand-${made.length}`,
            email: `welder-${made.length}@example.org`,
            criteria: SearchCriteriaSchema.parse({ q: 'soudeur' }),
            frequency: 'instant',
            schedule: DEFAULT_SCHEDULE,
            status: 'active',
          },
          new Date(),
        ),
      );
      made.push(alert.id);
      halves[shardOf(alert.id, SHARDS) < 2 ? 0 : 1]! += 1;
    }
    const topic = `${settings.topicPrefix}${TOPICS.offerIndexed}`;
    const expected = (offers: string[]) => made.flatMap((a) => offers.map((o) => `${a}/${o}`)).sort();

    const first = await startInstance([0, 1]);
    const second = await startInstance([2, 3]);
    expect(first.book.size + second.book.size).toBe(made.length);
    const batch1 = [welderOffer(), welderOffer(), welderOffer()];
    await produce(kafka, topic, batch1);
    const offers = batch1.map((m) => m.key);
    await eventually(async () => expect((await matchPairs()).sort()).toEqual(expected(offers)), {
      timeoutMs: 30_000,
    });

    // The first instance stops; offers keep coming; a new instance takes its shards back.
    await stop(first);
    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({
      groupId: `${settings.topicPrefix}alert-matcher.shard-0`,
      topics: [topic],
    });
    await admin.disconnect();
    // Its shard groups committed past every offer it matched: the next owner starts after them.
    expect(committed[0]!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)).toBe(
      batch1.length,
    );
    const batch2 = [welderOffer(), welderOffer()];
    await produce(kafka, topic, batch2);
    offers.push(...batch2.map((m) => m.key));
    await startInstance([0, 1]);
    await eventually(async () => expect((await matchPairs()).sort()).toEqual(expected(offers)), {
      timeoutMs: 60_000,
    });
    expect(await v2Events()).toBe(made.length * offers.length);
    expect(second.book.size).toBeGreaterThanOrEqual(3);
  });
});
