import { matchCreatedV1, MatchCreatedV1, TOPICS } from '@vigie/contracts';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import {
  eventually,
  goldenFixture,
  openTestDatabase,
  readTopic,
  TestDatabase,
  testInfra,
  testKafka,
  uniqueId,
} from '@vigie/testing';
import pino from 'pino';
import { createKafka } from '../kafka/kafka-client';
import { KafkaConnection } from '../kafka/kafka-connection';
import { KafkaEventPublisher } from '../kafka/kafka-event-publisher';
import { KafkaSettings } from '../kafka/kafka-settings';
import { ensureTopics } from '../kafka/topic-provisioner';
import { buildEvent } from '../outgoing-event';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import { CreateOutbox1700000000000 } from './test/create-outbox.migration';

const fixture = goldenFixture<MatchCreatedV1>(TOPICS.matchCreated, 'instant');
const event = (title: string) =>
  buildEvent(matchCreatedV1, { ...fixture, offer: { ...fixture.offer, title } }, { producer: 'vigie/test' });

describe('OutboxRelay on Postgres and Kafka', () => {
  const logger = pino({ level: 'silent' });
  let db: TestDatabase;
  let connection: KafkaConnection;
  let settings: KafkaSettings;
  let writer: OutboxWriter;
  let sut: OutboxRelay;
  const kafka = testKafka(testInfra().kafkaBrokers);
  const published = async () =>
    (await readTopic(kafka, `${settings.topicPrefix}${TOPICS.matchCreated}`)).map(
      (m) => (JSON.parse(m.value!) as MatchCreatedV1).offer.title,
    );

  beforeAll(async () => {
    db = await openTestDatabase('outbox', [CreateOutbox1700000000000]);
    settings = {
      brokers: testInfra().kafkaBrokers.split(','),
      clientId: 'outbox-test',
      topicPrefix: `${uniqueId('outbox')}.`,
      partitions: 1,
      replicationFactor: 1,
      ssl: false,
      producerName: 'vigie/test',
    };
    connection = new KafkaConnection(createKafka(settings, logger));
    await ensureTopics(connection, settings, { produces: [TOPICS.matchCreated], consumes: [] });
    writer = new OutboxWriter(db.schema);
    sut = new OutboxRelay(
      db.dataSource,
      new KafkaEventPublisher(connection, settings),
      {
        databaseUrl: testInfra().databaseUrl,
        schema: db.schema,
        pollIntervalMs: 60_000,
        batchSize: 100,
      },
      logger,
      new MetricsRegistry(),
      FaultInjector.none(),
    );
  });

  afterAll(async () => {
    await sut.close();
    await connection.close();
    await db.drop();
  });

  it('publishes committed rows once, in order, with their envelope headers', async () => {
    await db.dataSource.transaction((m) => writer.append(m, [event('A1'), event('A2'), event('A3')]));
    expect(await sut.relayOnce()).toBe(3);
    expect(await sut.relayOnce()).toBe(0);
    expect(await sut.backlog()).toBe(0);
    const messages = await readTopic(kafka, `${settings.topicPrefix}${TOPICS.matchCreated}`);
    expect(messages.map((m) => (JSON.parse(m.value!) as MatchCreatedV1).offer.title)).toEqual([
      'A1',
      'A2',
      'A3',
    ]);
    expect(messages[0]!.key).toBe(fixture.alertId);
    expect(messages[0]!.headers).toMatchObject({
      ce_type: 'alerts.match.created',
      ce_schemaversion: '1',
      ce_source: 'vigie/test',
    });
  });

  it('never publishes the events of a rolled-back transaction', async () => {
    await expect(
      db.dataSource.transaction(async (m) => {
        await writer.append(m, [event('ROLLED-BACK')]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await sut.relayOnce()).toBe(0);
    expect(await published()).not.toContain('ROLLED-BACK');
  });

  it('F9: still publishes a row whose transaction commits after a later row was published', async () => {
    const slow = db.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await writer.append(slow.manager, [event('EARLY-ID-LATE-COMMIT')]);
    await db.dataSource.transaction((m) => writer.append(m, [event('LATE-ID-EARLY-COMMIT')]));

    expect(await sut.relayOnce()).toBe(1);
    await slow.commitTransaction();
    await slow.release();
    expect(await sut.relayOnce()).toBe(1);
    expect((await published()).slice(-2)).toEqual(['LATE-ID-EARLY-COMMIT', 'EARLY-ID-LATE-COMMIT']);
  });

  it('is woken by the committing transaction instead of waiting for its poll interval', async () => {
    sut.start();
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    await db.dataSource.transaction((m) => writer.append(m, [event('NOTIFIED')]));
    await eventually(async () => expect(await published()).toContain('NOTIFIED'), { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
