import { deadLetterTopicOf, eventDefinitionFor } from '@vigie/contracts';
import { KafkaConnection } from './kafka-connection';
import { KafkaSettings, physicalTopic } from './kafka-settings';

/**
 * Creates the topics a service produces to and consumes from (and the dead-letter topics of those
 * it consumes) when they are missing. Brokers run with auto-creation off, so a typo in a topic
 * name fails loudly instead of creating a stray topic.
 */
export async function ensureTopics(
  connection: KafkaConnection,
  settings: KafkaSettings,
  topics: { produces: readonly string[]; consumes: readonly string[] },
): Promise<string[]> {
  // physical name → retention (ms) from the contract, if it bounds it
  const wanted = new Map<string, number | undefined>();
  const add = (logical: string, contractTopic: string) =>
    wanted.set(physicalTopic(settings, logical), eventDefinitionFor(contractTopic)?.retentionMs);
  for (const t of topics.produces) add(t, t);
  for (const t of topics.consumes) {
    add(t, t);
    add(deadLetterTopicOf(t), t);
  }
  const admin = await connection.admin();
  const existing = new Set(await admin.listTopics());
  const missing = [...wanted.keys()].filter((t) => !existing.has(t));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: settings.partitions,
        replicationFactor: settings.replicationFactor,
        configEntries: [
          { name: 'min.insync.replicas', value: String(Math.min(2, settings.replicationFactor)) },
          ...(wanted.get(topic) !== undefined
            ? [{ name: 'retention.ms', value: String(wanted.get(topic)) }]
            : []),
        ],
      })),
    });
  }
  return missing;
}
