import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Provider,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { Clock, SystemClock } from '@vigie/kernel';
import { FaultInjector, HealthRegistry, MetricsRegistry } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { backoffDelay, sleep } from './backoff';
import { DeadLetterPublisher } from './consumer/dead-letter-publisher';
import { KafkaEventServer } from './consumer/kafka-event.server';
import { ErrorClassifier, errorMessage } from './errors';
import { EventPublisher } from './event-publisher.port';
import { Inbox } from './inbox/inbox';
import { createKafka } from './kafka/kafka-client';
import { KafkaConnection } from './kafka/kafka-connection';
import { KafkaEventPublisher } from './kafka/kafka-event-publisher';
import { KafkaHealthCheck } from './kafka/kafka-health';
import { ConsumerSettings, KafkaSettings } from './kafka/kafka-settings';
import { ensureTopics } from './kafka/topic-provisioner';
import { OutboxRelay, OutboxRelaySettings } from './outbox/outbox-relay';
import { OutboxWriter } from './outbox/outbox-writer';
import {
  DEFAULT_RETENTION_BATCH_SIZE,
  DEFAULT_RETENTION_INTERVAL_MS,
  EventRetentionSettings,
  EventTableRetention,
} from './retention/event-table-retention';

export interface MessagingOptions {
  kafka: KafkaSettings;
  logger: Logger;
  faults: FaultInjector;
  /** Logical topics this service publishes to and consumes from (created if missing). */
  produces: readonly string[];
  consumes: readonly string[];
  /** Present when the service consumes: enables the Kafka transport and the inbox. */
  consumer?: ConsumerSettings;
  /** Extra rules telling transient from permanent errors (e.g. Postgres or OpenSearch errors). */
  classifiers?: readonly ErrorClassifier[];
  /** Present when the service writes events with its database changes. */
  outbox?: OutboxRelaySettings & { retentionMs?: number };
  /** Pacing of the outbox and inbox pruning (default: batches of 5,000, a round every 5 s). */
  retention?: Partial<Pick<EventRetentionSettings, 'batchSize' | 'intervalMs'>>;
  /** Time for retention cut-offs (default: the system clock). */
  clock?: Clock;
  /**
   * Whether readiness fails while Kafka is unreachable (default true). A service that only
   * produces through its outbox keeps serving: its events wait in the outbox (fault F6).
   */
  kafkaRequiredForReadiness?: boolean;
}

const OPTIONS = Symbol('MESSAGING_OPTIONS');

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private provisioning: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: KafkaConnection,
    private readonly health: KafkaHealthCheck,
    registry: HealthRegistry,
  ) {
    registry.register(health);
  }

  onApplicationBootstrap(): void {
    // In the background: a service started while Kafka is down stays up and reports not-ready.
    this.provisioning = this.provisionTopics();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.provisioning;
    await this.connection.close();
  }

  private async provisionTopics(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const created = await ensureTopics(this.connection, this.options.kafka, this.options);
        if (created.length > 0) this.options.logger.info({ topics: created }, 'Kafka topics created');
        this.health.topicsReady = true;
        return;
      } catch (e) {
        this.options.logger.warn(
          { err: errorMessage(e), attempt },
          'Kafka not reachable yet; will retry topic provisioning',
        );
        await sleep(backoffDelay(attempt));
      }
    }
  }
}

@Injectable()
class OutboxLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.close();
  }
}

@Injectable()
class RetentionLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly retention: EventTableRetention) {}

  onApplicationBootstrap(): void {
    this.retention.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.retention.close();
  }
}

const DEFAULT_OUTBOX_RETENTION_MS = 600_000;
const NO_DATABASE = { query: () => Promise.reject(new Error('no database configured')) };
const DEFAULT_PROCESSED_EVENTS_RETENTION_MS = 7 * 86_400_000;

function retentionSettings(options: MessagingOptions): EventRetentionSettings {
  return {
    batchSize: options.retention?.batchSize ?? DEFAULT_RETENTION_BATCH_SIZE,
    intervalMs: options.retention?.intervalMs ?? DEFAULT_RETENTION_INTERVAL_MS,
    ...(options.outbox
      ? { outboxRetentionMs: options.outbox.retentionMs ?? DEFAULT_OUTBOX_RETENTION_MS }
      : {}),
    ...(options.consumer
      ? {
          processedEventsRetentionMs:
            options.consumer.processedEventsRetentionMs ?? DEFAULT_PROCESSED_EVENTS_RETENTION_MS,
        }
      : {}),
  };
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: OPTIONS, useValue: options },
      {
        provide: KafkaConnection,
        useFactory: () => new KafkaConnection(createKafka(options.kafka, options.logger)),
      },
      {
        provide: EventPublisher,
        useFactory: (c: KafkaConnection) => new KafkaEventPublisher(c, options.kafka),
        inject: [KafkaConnection],
      },
      {
        provide: KafkaHealthCheck,
        useFactory: (c: KafkaConnection) =>
          new KafkaHealthCheck(c, options.kafkaRequiredForReadiness ?? true),
        inject: [KafkaConnection],
      },
      MessagingLifecycle,
    ];
    const exported: Array<string | symbol | Provider | (abstract new (...args: never[]) => unknown)> = [
      EventPublisher,
      KafkaConnection,
    ];

    const consumer = options.consumer;
    if (consumer) {
      providers.push(
        {
          provide: DeadLetterPublisher,
          useFactory: (c: KafkaConnection, m: MetricsRegistry) =>
            new DeadLetterPublisher(c, options.kafka, `${options.kafka.topicPrefix}${consumer.groupId}`, m),
          inject: [KafkaConnection, MetricsRegistry],
        },
        {
          provide: KafkaEventServer,
          useFactory: (c: KafkaConnection, d: DeadLetterPublisher, m: MetricsRegistry, h: HealthRegistry) => {
            const server = new KafkaEventServer(
              c,
              options.kafka,
              consumer,
              d,
              options.classifiers ?? [],
              options.logger,
              m,
            );
            h.register(server);
            return server;
          },
          inject: [KafkaConnection, DeadLetterPublisher, MetricsRegistry, HealthRegistry],
        },
        { provide: Inbox, useValue: new Inbox(`${options.kafka.topicPrefix}${consumer.groupId}`) },
      );
      exported.push(KafkaEventServer, Inbox);
    }

    const outbox = options.outbox;
    if (outbox) {
      providers.push(
        { provide: OutboxWriter, useValue: new OutboxWriter(outbox.schema) },
        {
          provide: OutboxRelay,
          useFactory: (ds: DataSource, p: EventPublisher, m: MetricsRegistry) =>
            new OutboxRelay(
              ds,
              p,
              outbox,
              options.logger.child({ component: 'outbox-relay' }),
              m,
              options.faults,
            ),
          inject: [getDataSourceToken(), EventPublisher, MetricsRegistry],
        },
        OutboxLifecycle,
      );
      exported.push(OutboxWriter, OutboxRelay);
    }

    if (outbox || consumer) {
      providers.push(
        {
          provide: EventTableRetention,
          // A consumer without a database (natural-key idempotency elsewhere) has nothing to prune.
          useFactory: (ds: DataSource | undefined, m: MetricsRegistry) =>
            new EventTableRetention(
              ds ?? NO_DATABASE,
              ds
                ? retentionSettings(options)
                : {
                    ...retentionSettings(options),
                    outboxRetentionMs: undefined,
                    processedEventsRetentionMs: undefined,
                  },
              options.clock ?? new SystemClock(),
              options.logger.child({ component: 'event-table-retention' }),
              m,
            ),
          inject: [{ token: getDataSourceToken(), optional: true }, MetricsRegistry],
        },
        RetentionLifecycle,
      );
      exported.push(EventTableRetention);
    }

    return { module: MessagingModule, global: true, providers, exports: exported };
  }
}
