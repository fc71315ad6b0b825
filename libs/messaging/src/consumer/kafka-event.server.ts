import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload } from 'kafkajs';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import { HealthCheck, HealthCheckResult, MetricsRegistry } from '@vigie/observability';
import type { Gauge } from 'prom-client';
import { backoffDelay, sleep } from '../backoff';
import { ErrorClassifier, errorMessage } from '../errors';
import { KafkaConnection } from '../kafka/kafka-connection';
import { ConsumerSettings, KafkaSettings, logicalTopic, physicalTopic } from '../kafka/kafka-settings';
import { BatchProcessor, RegisteredHandler } from './batch-processor';
import { DeadLetterPublisher } from './dead-letter-publisher';

type ConsumerState = 'starting' | 'joined' | 'rebalancing' | 'down' | 'stopped';

/**
 * A Nest microservice transport over kafkajs. Handlers are ordinary `@EventPattern(TOPIC)`
 * methods; this server owns the consumer's life: it joins the group when Kafka is reachable,
 * rejoins after a crash, and reports its state to the readiness probe instead of exiting.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy, HealthCheck {
  readonly name = 'kafka-consumer';
  private consumer: Consumer | undefined;
  private state: ConsumerState = 'starting';
  private lastError: string | undefined;
  private closing = false;
  private loop: Promise<void> | undefined;
  private readonly stop = new AbortController();

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
    if (handlers.size > 0) this.loop = this.consumeForever(handlers);
    else this.state = 'stopped';
    callback();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.stop.abort();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.loop;
    this.state = 'stopped';
  }

  async check(): Promise<HealthCheckResult> {
    // A rebalance is routine (scaling, deploys): it must not flap readiness.
    const up = this.state === 'joined' || this.state === 'rebalancing' || this.state === 'stopped';
    return { up, detail: up ? this.state : `${this.state}${this.lastError ? `: ${this.lastError}` : ''}` };
  }

  on(): never {
    throw new Error('KafkaEventServer does not expose events; use the readiness check');
  }

  unwrap<T>(): T {
    return this.consumer as T;
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

  private async consumeForever(handlers: Map<string, RegisteredHandler>): Promise<void> {
    const processor = new BatchProcessor(
      handlers,
      this.deadLetters,
      { ...this.consumerSettings, classifiers: this.classifiers },
      this.log,
      this.metrics,
    );
    const topics = [...handlers.keys()].map((t) => physicalTopic(this.kafkaSettings, t));
    this.topics = topics;
    let failures = 0;
    while (!this.closing) {
      const consumer = this.createConsumer();
      this.consumer = consumer;
      try {
        const crashed = new Promise<string>((resolve) => {
          consumer.on(consumer.events.CRASH, (e) => resolve(errorMessage(e.payload.error)));
        });
        await consumer.connect();
        await consumer.subscribe({ topics, fromBeginning: true });
        await consumer.run({
          eachBatchAutoResolve: false,
          autoCommit: true,
          autoCommitInterval: 1_000,
          partitionsConsumedConcurrently: 3,
          eachBatch: (payload: EachBatchPayload) =>
            processor.process(logicalTopic(this.kafkaSettings, payload.batch.topic), payload),
        });
        failures = 0;
        const reason = await Promise.race([
          crashed,
          new Promise<string>((r) => this.stop.signal.addEventListener('abort', () => r('stopping'))),
        ]);
        if (!this.closing) throw new Error(`consumer crashed: ${reason}`);
      } catch (e) {
        failures += 1;
        this.state = 'down';
        this.lastError = errorMessage(e);
        this.log.warn(
          { err: this.lastError, groupId: this.groupId, failures },
          'Kafka consumer unavailable; retrying',
        );
      }
      await consumer.disconnect().catch(() => undefined);
      if (!this.closing) await sleep(backoffDelay(failures), this.stop.signal);
    }
  }

  private createConsumer(): Consumer {
    const consumer = this.connection.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 30_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 1_048_576,
      allowAutoTopicCreation: false,
      // kafkajs restarts by itself after retriable errors; anything else surfaces as CRASH and we rejoin.
      retry: { retries: 10, restartOnFailure: async () => false },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.state = 'joined';
      this.lastError = undefined;
    });
    consumer.on(consumer.events.REBALANCING, () => (this.state = 'rebalancing'));
    consumer.on(consumer.events.DISCONNECT, () => {
      if (!this.closing) this.state = 'down';
    });
    return consumer;
  }
}
