import { Message, TopicMessages } from 'kafkajs';
import { TransientError } from '../errors';
import { EventPublisher } from '../event-publisher.port';
import { OutgoingEvent, TOMBSTONE_VALUE } from '../outgoing-event';
import { KafkaConnection } from './kafka-connection';
import { KafkaSettings, physicalTopic } from './kafka-settings';

/**
 * Bytes of event values per produce request. A broker refuses a record batch larger than its
 * `message.max.bytes` (1 MiB by default), and one request carries one batch per partition, so a
 * large publish (a bulk indexer announcing 2,000 offers) goes out in several requests.
 */
export const MAX_PUBLISH_BYTES = 768 * 1024;

export class KafkaEventPublisher extends EventPublisher {
  constructor(
    private readonly connection: KafkaConnection,
    private readonly settings: Pick<KafkaSettings, 'topicPrefix'>,
    private readonly maxRequestBytes = MAX_PUBLISH_BYTES,
  ) {
    super();
  }

  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const producer = await this.connection.producer();
    try {
      // In order, one request after the other: events of one key keep their order.
      for (const chunk of chunksByBytes(events, this.maxRequestBytes)) {
        await producer.sendBatch({ topicMessages: this.byTopic(chunk), acks: -1 });
      }
    } catch (e) {
      this.connection.resetProducer();
      throw new TransientError(`Kafka publish failed: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  }

  private byTopic(events: readonly OutgoingEvent[]): TopicMessages[] {
    const byTopic = new Map<string, Message[]>();
    for (const e of events) {
      const topic = physicalTopic(this.settings, e.topic);
      const list = byTopic.get(topic) ?? [];
      // A tombstone goes out as a null value: the only one compaction deletes a key by.
      list.push({ key: e.key, value: e.value === TOMBSTONE_VALUE ? null : e.value, headers: e.headers });
      byTopic.set(topic, list);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }
}

/** Consecutive runs of events whose values add up to at most `maxBytes` (an oversized one alone). */
export function chunksByBytes(events: readonly OutgoingEvent[], maxBytes: number): OutgoingEvent[][] {
  const chunks: OutgoingEvent[][] = [];
  let current: OutgoingEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = Buffer.byteLength(e.value) + e.key.length;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
