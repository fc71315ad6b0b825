/** What the messaging library needs to know about a service and its cluster. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Added to every topic and group name: isolates environments and test runs. */
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
  ssl: boolean;
  sasl?: { username: string; password: string };
  /** `ce_source` of the events this service produces, e.g. `vigie/offer-ingestion`. */
  producerName: string;
}

export interface ConsumerSettings {
  groupId: string;
  maxAttempts: number;
  batchSize: number;
  /**
   * The inbox (processed_events) remembers an applied event this long. Keep it at least as long as
   * the consumed topics' retention, so any event Kafka can still redeliver is recognised.
   */
  processedEventsRetentionMs?: number;
  /** Bytes fetched per partition at once (default 1 MiB); a bulk consumer wants its batches full. */
  maxBytesPerPartition?: number;
}

export function physicalTopic(settings: Pick<KafkaSettings, 'topicPrefix'>, logical: string): string {
  return `${settings.topicPrefix}${logical}`;
}

export function logicalTopic(settings: Pick<KafkaSettings, 'topicPrefix'>, physical: string): string {
  return physical.startsWith(settings.topicPrefix) ? physical.slice(settings.topicPrefix.length) : physical;
}
