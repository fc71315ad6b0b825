import { ConsumerSettings, KafkaSettings } from './kafka/kafka-settings';

/** The variables of `kafkaEnv()` as parsed, whatever else the service's config holds. */
export interface KafkaEnv {
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID: string;
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_TOPIC_PARTITIONS: number;
  KAFKA_REPLICATION_FACTOR: number;
  KAFKA_SSL: boolean;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
}

export interface ConsumerEnv {
  KAFKA_GROUP_ID: string;
  PROCESSED_EVENTS_RETENTION_MS: number;
  KAFKA_CONSUMER_MAX_ATTEMPTS: number;
  KAFKA_CONSUMER_BATCH_SIZE: number;
}

export function kafkaSettingsFromEnv(env: KafkaEnv, service: string): KafkaSettings {
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    partitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    ssl: env.KAFKA_SSL,
    ...(env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
      ? { sasl: { username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } }
      : {}),
    producerName: `vigie/${service}`,
  };
}

export function consumerSettingsFromEnv(env: ConsumerEnv): ConsumerSettings {
  return {
    groupId: env.KAFKA_GROUP_ID,
    maxAttempts: env.KAFKA_CONSUMER_MAX_ATTEMPTS,
    batchSize: env.KAFKA_CONSUMER_BATCH_SIZE,
    processedEventsRetentionMs: env.PROCESSED_EVENTS_RETENTION_MS,
  };
}

/** The variables of `databaseEnv()` and `outboxEnv` the relay needs. */
export interface OutboxEnv {
  DATABASE_URL: string;
  DATABASE_SCHEMA: string;
  OUTBOX_POLL_INTERVAL_MS: number;
  OUTBOX_BATCH_SIZE: number;
  OUTBOX_RETENTION_MS: number;
}

export function outboxSettingsFromEnv(env: OutboxEnv) {
  return {
    databaseUrl: env.DATABASE_URL,
    schema: env.DATABASE_SCHEMA,
    pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
    batchSize: env.OUTBOX_BATCH_SIZE,
    retentionMs: env.OUTBOX_RETENTION_MS,
  };
}
