import { deadLetterTopicOf, KafkaHeaders } from '@vigie/contracts';
import { MetricsRegistry } from '@vigie/observability';
import { KafkaConnection } from '../kafka/kafka-connection';
import { KafkaSettings, physicalTopic } from '../kafka/kafka-settings';
import { TransientError } from '../errors';

export interface DeadLetter {
  /** Logical topic the message came from. */
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: KafkaHeaders;
  code: string;
  reason: string;
  attempts: number;
}

/** Headers added to a dead letter; the original headers are kept as they were. */
export const DLQ_HEADERS = {
  code: 'dlq-reason-code',
  reason: 'dlq-reason',
  group: 'dlq-consumer-group',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/** Parks a message that cannot be processed on `<topic>.dlq`, with the reason, so the partition moves on. */
export class DeadLetterPublisher {
  private readonly count;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly settings: Pick<KafkaSettings, 'topicPrefix'>,
    private readonly groupId: string,
    metrics: MetricsRegistry,
  ) {
    this.count = metrics.counter('kafka_dead_letters_total', 'Messages sent to a dead-letter topic', [
      'topic',
      'code',
    ]);
  }

  async send(letter: DeadLetter): Promise<void> {
    const producer = await this.connection.producer();
    try {
      await producer.send({
        topic: physicalTopic(this.settings, deadLetterTopicOf(letter.topic)),
        acks: -1,
        messages: [
          {
            key: letter.key,
            value: letter.value,
            headers: {
              ...letter.headers,
              [DLQ_HEADERS.code]: letter.code,
              [DLQ_HEADERS.reason]: letter.reason.slice(0, 2_000),
              [DLQ_HEADERS.group]: this.groupId,
              [DLQ_HEADERS.topic]: letter.topic,
              [DLQ_HEADERS.partition]: String(letter.partition),
              [DLQ_HEADERS.offset]: letter.offset,
              [DLQ_HEADERS.attempts]: String(letter.attempts),
              [DLQ_HEADERS.failedAt]: new Date().toISOString(),
            },
          },
        ],
      });
    } catch (e) {
      this.connection.resetProducer();
      throw new TransientError(`dead-letter publish failed: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    this.count.inc({ topic: letter.topic, code: letter.code });
  }
}
