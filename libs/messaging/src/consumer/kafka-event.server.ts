import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { EachBatchPayload } from 'kafkajs';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import { HealthCheck, HealthCheckResult, MetricsRegistry } from '@vigie/observability';
import type { Gauge } from 'prom-client';
import { ErrorClassifier } from '../errors';
import { KafkaConnection } from '../kafka/kafka-connection';
import { ConsumerSettings, KafkaSettings, logicalTopic, physicalTopic } from '../kafka/kafka-settings';
import { BatchProcessor, RegisteredHandler } from './batch-processor';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { SupervisedConsumer } from './supervised-consumer';

/**
 * A Nest microservice transport over kafkajs. Handlers are ordinary `@EventPattern(TOPIC)`
 * methods; this server owns the consumer's life: it joins the group when Kafka is reachable,
 * rejoins after a crash, and reports its state to the readiness probe instead of exiting.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy, HealthCheck {
  readonly name = 'kafka-consumer';
  private consumer: SupervisedConsumer | undefined;
  private stopped = false;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly kafkaSettings: KafkaSettings,
    private readonly consumerSettings: ConsumerSettings,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly classifiers: readonly ErrorClassifier[],
    private readonly log: Logger,
    private readonly metrics: MetricsRegistry,
  ) {
    super();
    // Computed at scrape time from the group's committed offsets, so it keeps growing while the
    // consumer is stuck or down (a value set per fetched batch would freeze exactly then).
    metrics.gauge(
      'kafka_consumer_lag',
      'Messages the consumer group is behind, per partition',
      ['topic', 'partition'],
      (gauge) => this.collectLag(gauge),
    );
  }

  private topics: string[] = [];

  private async collectLag(gauge: Gauge<'topic' | 'partition'>): Promise<void> {
    if (this.topics.length === 0) return;
    try {
      const admin = await this.connection.admin();
      const committed = await admin.fetchOffsets({ groupId: this.groupId, topics: this.topics });
      for (const { topic, partitions } of committed) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const done = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          const from = Number(done) >= 0 ? Number(done) : Number(end.low);
          gauge.set(
            { topic: logicalTopic(this.kafkaSettings, topic), partition: String(end.partition) },
            Math.max(0, Number(end.high) - from),
          );
        }
      }
    } catch {
      // Kafka unreachable: readiness reports it; the gauge keeps its last values.
    }
  }

  get groupId(): string {
    return `${this.kafkaSettings.topicPrefix}${this.consumerSettings.groupId}`;
  }

  listen(callback: () => void): void {
    const handlers = this.registeredHandlers();
    if (handlers.size > 0) this.consumer = this.startConsumer(handlers);
    else this.stopped = true;
    callback();
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.consumer?.close();
  }

  async check(): Promise<HealthCheckResult> {
    // A rebalance is routine (scaling, deploys): it must not flap readiness.
    const state = this.stopped ? 'stopped' : (this.consumer?.state ?? 'starting');
    const lastError = this.consumer?.lastError;
    const up = state === 'joined' || state === 'rebalancing' || state === 'stopped';
    return { up, detail: up ? state : `${state}${lastError ? `: ${lastError}` : ''}` };
  }

  on(): never {
    throw new Error('KafkaEventServer does not expose events; use the readiness check');
  }

  unwrap<T>(): T {
    return this.consumer?.consumer as T;
  }

  private registeredHandlers(): Map<string, RegisteredHandler> {
    const handlers = new Map<string, RegisteredHandler>();
    for (const [pattern, handler] of this.getHandlers()) {
      handlers.set(pattern, {
        topic: pattern,
        batch: Boolean((handler as MessageHandler & { extras?: { batch?: boolean } }).extras?.batch),
        invoke: async (data): Promise<unknown> =>
          lastValueFrom(this.transformToObservable<unknown>(await handler(data)), {
            defaultValue: undefined,
          }),
      });
    }
    return handlers;
  }

  private startConsumer(handlers: Map<string, RegisteredHandler>): SupervisedConsumer {
    const processor = new BatchProcessor(
      handlers,
      this.deadLetters,
      { ...this.consumerSettings, classifiers: this.classifiers },
      this.log,
      this.metrics,
    );
    this.topics = [...handlers.keys()].map((t) => physicalTopic(this.kafkaSettings, t));
    const consumer = new SupervisedConsumer(
      this.connection,
      {
        groupId: this.groupId,
        topics: this.topics,
        partitionsConsumedConcurrently: 3,
        config: { maxBytesPerPartition: this.consumerSettings.maxBytesPerPartition ?? 1_048_576 },
        eachBatch: (payload: EachBatchPayload) =>
          processor.process(logicalTopic(this.kafkaSettings, payload.batch.topic), payload),
      },
      this.log,
    );
    consumer.start();
    return consumer;
  }
}
