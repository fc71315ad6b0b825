import { randomUUID } from 'node:crypto';
import { AlertChangedV1Schema, TOPICS } from '@vigie/contracts';
import { backoffDelay, KafkaConnection, KafkaSettings, physicalTopic, sleep } from '@vigie/messaging';
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import { AlertBook } from './alert-book';

/**
 * Keeps the book in step with alerts.alert.changed.v1. Every instance reads the whole compacted
 * topic under a group of its own that never commits, so each sees every change (and none steals
 * partitions from another). At start it notes the topic's end offsets, loads the alerts from
 * Postgres, then reads from those offsets: a change committed during the load is read again,
 * which the versions make harmless, and none is missed.
 */
export class AlertChangedFeed {
  private consumer: Consumer | undefined;
  private stopped = false;
  /** Resolves once the Postgres snapshot is in the book and the topic is being followed. */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly settings: KafkaSettings,
    private readonly book: AlertBook,
    private readonly loadSnapshot: (book: AlertBook) => Promise<number>,
    private readonly logger: Logger,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /** Starts in the background, retrying while Kafka or Postgres are unreachable. */
  start(): void {
    void this.run();
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const topic = physicalTopic(this.settings, TOPICS.alertChanged);
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const admin = await this.connection.admin();
        const ends = await admin.fetchTopicOffsets(topic);
        const started = Date.now();
        const loaded = await this.loadSnapshot(this.book);
        this.logger.info({ alerts: loaded, ms: Date.now() - started }, 'alerts loaded from Postgres');
        const consumer = this.connection.kafka.consumer({
          groupId: `${this.settings.topicPrefix}alert-matcher.alerts.${randomUUID()}`,
          allowAutoTopicCreation: false,
          maxWaitTimeInMs: 100,
        });
        this.consumer = consumer;
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachMessage: async ({ message }) => {
            const alertId = message.key?.toString('utf8');
            if (message.value === null) {
              if (alertId) this.book.erase(alertId);
              return;
            }
            const parsed = AlertChangedV1Schema.safeParse(JSON.parse(message.value.toString('utf8')));
            if (parsed.success) this.book.apply(parsed.data);
            // A record that breaks its contract is skipped: the next change of that alert repairs it.
            else
              this.logger.warn({ alertId, offset: message.offset }, 'invalid alert.changed record skipped');
          },
        });
        for (const end of ends) consumer.seek({ topic, partition: end.partition, offset: end.offset });
        this.markReady();
        return;
      } catch (e) {
        this.logger.warn(
          { err: e instanceof Error ? e.message : String(e), attempt },
          'alert feed not started yet; retrying',
        );
        await this.consumer?.disconnect().catch(() => undefined);
        await sleep(backoffDelay(attempt));
      }
    }
  }
}
