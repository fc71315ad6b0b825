import { INestApplication } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { deadLetterTopicOf, envelopeToHeaders, MatchCreatedV1, TOPICS } from '@vigie/contracts';
import { FaultInjector, HealthModule, MetricsModule } from '@vigie/observability';
import {
  eventually,
  goldenFixture,
  produce,
  readTopic,
  testInfra,
  testKafka,
  uniqueId,
} from '@vigie/testing';
import pino from 'pino';
import { TransientError } from '../errors';
import { KafkaSettings } from '../kafka/kafka-settings';
import { MessagingModule } from '../messaging.module';
import type { ConsumedEvent } from './consumed-event';
import { DLQ_HEADERS } from './dead-letter-publisher';
import { KafkaConsumer, startKafkaTransport } from './kafka-transport';

const fixture = goldenFixture<MatchCreatedV1>(TOPICS.matchCreated, 'instant');
const handled: string[] = [];
const failures = new Map<string, number>();

@KafkaConsumer()
class RecordingHandler {
  @EventPattern(TOPICS.matchCreated)
  handle(@Payload() event: ConsumedEvent<MatchCreatedV1>): void {
    const title = event.value.offer.title;
    if (title === 'ALWAYS-FAILS') throw new Error('deterministic handler bug');
    if (title === 'FAILS-TWICE') {
      const seen = (failures.get(title) ?? 0) + 1;
      failures.set(title, seen);
      if (seen <= 2) throw new TransientError('database briefly unavailable');
    }
    handled.push(title);
  }
}

describe('KafkaEventServer on Kafka', () => {
  const infra = testInfra();
  const kafka = testKafka(infra.kafkaBrokers);
  const prefix = `${uniqueId('consumer')}.`;
  const groupId = 'consumer-test';
  let app: INestApplication;

  const message = (
    title: string,
    eventId: string,
    value: unknown = { ...fixture, offer: { ...fixture.offer, title } },
  ) => ({
    key: fixture.alertId,
    value: JSON.stringify(value),
    headers: envelopeToHeaders({
      eventId,
      eventType: 'alerts.match.created',
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${title}`,
      producer: 'vigie/test',
    }),
  });

  beforeAll(async () => {
    const settings: KafkaSettings = {
      brokers: infra.kafkaBrokers.split(','),
      clientId: 'consumer-test',
      topicPrefix: prefix,
      partitions: 1,
      replicationFactor: 1,
      ssl: false,
      producerName: 'vigie/test',
    };
    const moduleRef = await Test.createTestingModule({
      imports: [
        MetricsModule,
        HealthModule,
        MessagingModule.forRoot({
          kafka: settings,
          consumer: { groupId, maxAttempts: 2, batchSize: 100 },
          logger: pino({ level: 'silent' }),
          faults: FaultInjector.none(),
          produces: [],
          consumes: [TOPICS.matchCreated],
        }),
      ],
      controllers: [RecordingHandler],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    await startKafkaTransport(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('applies valid events in order, retries transient errors, and parks poison messages with their reason', async () => {
    const topic = `${prefix}${TOPICS.matchCreated}`;
    await eventually(async () => {
      const admin = kafka.admin();
      await admin.connect();
      const topics = await admin.listTopics();
      await admin.disconnect();
      expect(topics).toEqual(
        expect.arrayContaining([topic, `${prefix}${deadLetterTopicOf(TOPICS.matchCreated)}`]),
      );
    });
    await produce(kafka, topic, [
      message('FIRST', 'a0000000-0000-4000-8000-000000000001'),
      message('BAD-SCHEMA', 'a0000000-0000-4000-8000-000000000002', {
        ...fixture,
        recipient: { email: 'not-an-email' },
      }),
      message('ALWAYS-FAILS', 'a0000000-0000-4000-8000-000000000003'),
      message('FAILS-TWICE', 'a0000000-0000-4000-8000-000000000004'),
      message('LAST', 'a0000000-0000-4000-8000-000000000005'),
    ]);

    await eventually(() => expect(handled).toEqual(['FIRST', 'FAILS-TWICE', 'LAST']), { timeoutMs: 60_000 });
    const dead = await eventually(async () => {
      const letters = await readTopic(kafka, `${prefix}${deadLetterTopicOf(TOPICS.matchCreated)}`);
      expect(letters).toHaveLength(2);
      return letters;
    });
    expect(dead[0]!.headers).toMatchObject({
      [DLQ_HEADERS.code]: 'SCHEMA_VIOLATION',
      [DLQ_HEADERS.group]: `${prefix}${groupId}`,
      [DLQ_HEADERS.offset]: '1',
      ce_id: 'a0000000-0000-4000-8000-000000000002',
      ce_correlationid: 'corr-BAD-SCHEMA',
    });
    expect(dead[0]!.headers[DLQ_HEADERS.reason]).toContain('recipient.email');
    expect(dead[1]!.headers).toMatchObject({
      [DLQ_HEADERS.code]: 'HANDLER_FAILED',
      [DLQ_HEADERS.attempts]: '2',
    });
    expect(dead[1]!.headers[DLQ_HEADERS.reason]).toContain('deterministic handler bug');
    // The dead letter carries the bytes as consumed.
    expect(JSON.parse(dead[1]!.value!).offer.title).toBe('ALWAYS-FAILS');

    // Offsets are committed up to the end: nothing would be redelivered after a restart.
    await eventually(async () => {
      const admin = kafka.admin();
      await admin.connect();
      const committed = await admin.fetchOffsets({ groupId: `${prefix}${groupId}`, topics: [topic] });
      await admin.disconnect();
      expect(committed[0]!.partitions[0]!.offset).toBe('5');
    });
  });
});
