import type { Consumer, ConsumerConfig, EachBatchPayload } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay, sleep } from '../backoff';
import { errorMessage } from '../errors';
import { KafkaConnection } from '../kafka/kafka-connection';

export type ConsumerState = 'starting' | 'joined' | 'rebalancing' | 'down' | 'stopped';

export interface SupervisedConsumerOptions {
  groupId: string;
  /** Physical topic names. */
  topics: readonly string[];
  eachBatch: (payload: EachBatchPayload) => Promise<void>;
  partitionsConsumedConcurrently?: number;
  /** Tuning passed to kafkajs (timeouts, fetch sizes); the retry policy is this class's own. */
  config?: Partial<Omit<ConsumerConfig, 'groupId' | 'retry' | 'allowAutoTopicCreation'>>;
}

/**
 * One consumer group member that never gives up: it joins when Kafka is reachable, and after a
 * failure to start (broker down, topic not yet known to every broker) or a crash it disconnects,
 * backs off and rejoins. Its state feeds readiness probes instead of exiting the process.
 */
export class SupervisedConsumer {
  private current: Consumer | undefined;
  private status: ConsumerState = 'starting';
  private error: string | undefined;
  private closing = false;
  private loop: Promise<void> | undefined;
  private readonly stop = new AbortController();

  constructor(
    private readonly connection: KafkaConnection,
    private readonly options: SupervisedConsumerOptions,
    private readonly log: Logger,
  ) {}

  get state(): ConsumerState {
    return this.status;
  }

  get lastError(): string | undefined {
    return this.error;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get consumer(): Consumer | undefined {
    return this.current;
  }

  /** Starts the loop in the background; returns at once. */
  start(): void {
    this.loop ??= this.consumeForever();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.stop.abort();
    await this.current?.disconnect().catch(() => undefined);
    await this.loop;
    this.status = 'stopped';
  }

  private async consumeForever(): Promise<void> {
    let failures = 0;
    while (!this.closing) {
      const consumer = this.createConsumer();
      this.current = consumer;
      try {
        const crashed = new Promise<string>((resolve) => {
          consumer.on(consumer.events.CRASH, (e) => resolve(errorMessage(e.payload.error)));
        });
        await consumer.connect();
        await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
        await consumer.run({
          eachBatchAutoResolve: false,
          autoCommit: true,
          autoCommitInterval: 1_000,
          partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
          eachBatch: this.options.eachBatch,
        });
        failures = 0;
        const reason = await Promise.race([
          crashed,
          new Promise<string>((r) => this.stop.signal.addEventListener('abort', () => r('stopping'))),
        ]);
        if (!this.closing) throw new Error(`consumer crashed: ${reason}`);
      } catch (e) {
        failures += 1;
        this.status = 'down';
        this.error = errorMessage(e);
        this.log.warn(
          { err: this.error, groupId: this.options.groupId, failures },
          'Kafka consumer unavailable; retrying',
        );
      }
      await consumer.disconnect().catch(() => undefined);
      if (!this.closing) await sleep(backoffDelay(failures), this.stop.signal);
    }
  }

  private createConsumer(): Consumer {
    const consumer = this.connection.kafka.consumer({
      sessionTimeout: 30_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      ...this.options.config,
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      // kafkajs restarts by itself after retriable errors; anything else surfaces as CRASH and we rejoin.
      retry: { retries: 10, restartOnFailure: async () => false },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.status = 'joined';
      this.error = undefined;
    });
    consumer.on(consumer.events.REBALANCING, () => (this.status = 'rebalancing'));
    consumer.on(consumer.events.DISCONNECT, () => {
      if (!this.closing) this.status = 'down';
    });
    return consumer;
  }
}
