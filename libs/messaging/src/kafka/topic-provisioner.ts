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
  // physical name → the contract's retention and cleanup policy (dead letters are never compacted)
  const wanted = new Map<string, { retentionMs?: number | undefined; compacted: boolean }>();
  const add = (logical: string, contractTopic: string, deadLetter = false) => {
    const definition = eventDefinitionFor(contractTopic);
    wanted.set(physicalTopic(settings, logical), {
      retentionMs: definition?.retentionMs,
      compacted: !deadLetter && Boolean(definition?.compacted),
    });
  };
  for (const t of topics.produces) add(t, t);
  for (const t of topics.consumes) {
    add(t, t);
    add(deadLetterTopicOf(t), t, true);
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
          ...configOf(wanted.get(topic)!),
        ],
      })),
    });
  }
  return missing;
}

/**
 * A compacted topic keeps the last record per key and deletes a key on its tombstone; tombstones
 * themselves stay a week, longer than any consumer should be down, so none misses an erasure.
 */
function configOf(topic: { retentionMs?: number | undefined; compacted: boolean }) {
  const entries: Array<{ name: string; value: string }> = [];
  if (topic.retentionMs !== undefined)
    entries.push({ name: 'retention.ms', value: String(topic.retentionMs) });
  if (topic.compacted) {
    entries.push(
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'delete.retention.ms', value: String(7 * 24 * 3_600_000) },
      { name: 'min.compaction.lag.ms', value: '0' },
    );
  }
  return entries;
}
