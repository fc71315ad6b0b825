import { Kafka, logLevel, Message } from 'kafkajs';

/** A raw kafkajs client for tests that inspect or forge what is on a topic. */
export function testKafka(brokers: string): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({ clientId: 'vigie-tests', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

export interface RecordedMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Reads every message currently on a topic (from the beginning), without joining a group. */
export async function readTopic(kafka: Kafka, topic: string): Promise<RecordedMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const wanted = ends.filter((p) => Number(p.high) > Number(p.low));
    if (wanted.length === 0) return [];
    const consumer = kafka.consumer({ groupId: `vigie-tests-reader-${Date.now()}-${Math.random()}` });
    await consumer.connect();
    const out: RecordedMessage[] = [];
    const remaining = new Map(wanted.map((p) => [p.partition, Number(p.high)]));
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            out.push(toRecorded(partition, message));
            const high = remaining.get(partition);
            if (high !== undefined && Number(message.offset) + 1 >= high) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return out;
  } finally {
    await admin.disconnect();
  }
}

function toRecorded(
  partition: number,
  message: { key: Buffer | null; value: Buffer | null; headers?: Message['headers']; offset: string },
): RecordedMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
  }
  return {
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers,
    partition,
    offset: message.offset,
  };
}

export async function produce(kafka: Kafka, topic: string, messages: Message[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}
