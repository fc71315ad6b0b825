import { Message, TopicMessages } from 'kafkajs';
import { TransientError } from '../errors';
import { EventPublisher } from '../event-publisher.port';
import { OutgoingEvent } from '../outgoing-event';
import { KafkaConnection } from './kafka-connection';
import { KafkaSettings, physicalTopic } from './kafka-settings';

export class KafkaEventPublisher extends EventPublisher {
  constructor(
    private readonly connection: KafkaConnection,
    private readonly settings: Pick<KafkaSettings, 'topicPrefix'>,
  ) {
    super();
  }

  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const e of events) {
      const topic = physicalTopic(this.settings, e.topic);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: e.key, value: e.value, headers: e.headers });
      byTopic.set(topic, list);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    const producer = await this.connection.producer();
    try {
      await producer.sendBatch({ topicMessages, acks: -1 });
    } catch (e) {
      this.connection.resetProducer();
      throw new TransientError(`Kafka publish failed: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  }
}
