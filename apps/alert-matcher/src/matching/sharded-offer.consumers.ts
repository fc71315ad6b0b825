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
  SharedDecoder,
  SupervisedConsumer,
} from '@vigie/messaging';
import type { MetricsRegistry } from '@vigie/observability';
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
 * BatchProcessor, as for every other consumer; the shards share one decoding of each record.
 */
export class ShardedOfferConsumers {
  private readonly consumers: SupervisedConsumer[] = [];

  constructor(
    private readonly connection: KafkaConnection,
    private readonly kafka: KafkaSettings,
    private readonly consumer: ConsumerSettings,
    private readonly classifiers: readonly ErrorClassifier[],
    private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {}

  /** Starts one supervised consumer per shard in the background: each retries until it joins. */
  start(shards: readonly number[], handle: ShardHandler): void {
    const topic = physicalTopic(this.kafka, TOPICS.offerIndexed);
    // Every shard's group fetches every offer: the first to reach a record decodes it for all.
    const shared = new SharedDecoder();
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
        { ...this.consumer, classifiers: this.classifiers, decode: shared.decoder },
        this.logger.child({ shard }),
        this.metrics,
      );
      const consumer = new SupervisedConsumer(
        this.connection,
        {
          groupId,
          topics: [topic],
          config: { maxWaitTimeInMs: 200 },
          eachBatch: (payload) => processor.process(TOPICS.offerIndexed, payload),
        },
        this.logger.child({ shard }),
      );
      this.consumers.push(consumer);
      consumer.start();
    }
  }

  /** Down shards, with the reason; empty once every shard's consumer has joined its group. */
  unjoined(): string[] {
    return this.consumers
      .filter((c) => c.state !== 'joined' && c.state !== 'rebalancing')
      .map((c) => `${c.groupId} ${c.state}${c.lastError ? `: ${c.lastError}` : ''}`);
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.close()));
  }
}
