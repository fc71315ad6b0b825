import { TOPICS } from '@vigie/contracts';
import {
  BatchProcessor,
  ConsumerSettings,
  ConsumedEvent,
  DeadLetterPublisher,
  ErrorClassifier,
  KafkaConnection,
  KafkaSettings,
  physicalTopic,
} from '@vigie/messaging';
import type { MetricsRegistry } from '@vigie/observability';
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import type { OfferIndexedV2 } from '@vigie/contracts';

export type ShardHandler = (shard: number, events: ConsumedEvent<OfferIndexedV2>[]) => Promise<unknown>;

/** The consumer group of one shard: its offsets are its own, whichever instance owns it. */
export function shardGroupId(settings: KafkaSettings, consumer: ConsumerSettings, shard: number): string {
  return `${settings.topicPrefix}${consumer.groupId}.shard-${shard}`;
}

/**
 * One consumer group per owned shard on offers.offer.indexed.v2: every shard sees every offer,
 * and a shard moved to another instance (or a restarted one) resumes from the offsets its group
 * committed, so no offer is missed. Decoding, retries and dead letters are the platform's
 * BatchProcessor, as for every other consumer.
 */
export class ShardedOfferConsumers {
  private readonly consumers: Consumer[] = [];

  constructor(
    private readonly connection: KafkaConnection,
    private readonly kafka: KafkaSettings,
    private readonly consumer: ConsumerSettings,
    private readonly classifiers: readonly ErrorClassifier[],
    private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {}

  async start(shards: readonly number[], handle: ShardHandler): Promise<void> {
    const topic = physicalTopic(this.kafka, TOPICS.offerIndexed);
    for (const shard of shards) {
      const groupId = shardGroupId(this.kafka, this.consumer, shard);
      const processor = new BatchProcessor(
        new Map([
          [
            TOPICS.offerIndexed,
            {
              topic: TOPICS.offerIndexed,
              batch: true,
              invoke: (events: unknown) => handle(shard, events as ConsumedEvent<OfferIndexedV2>[]),
            },
          ],
        ]),
        new DeadLetterPublisher(this.connection, this.kafka, groupId, this.metrics),
        { ...this.consumer, classifiers: this.classifiers },
        this.logger.child({ shard }),
        this.metrics,
      );
      const consumer = this.connection.kafka.consumer({
        groupId,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: 200,
      });
      this.consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        autoCommit: true,
        autoCommitInterval: 1_000,
        eachBatch: (payload) => processor.process(TOPICS.offerIndexed, payload),
      });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
  }
}
