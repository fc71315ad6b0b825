import { consumerSettingsFromEnv, KafkaEnv, kafkaSettingsFromEnv } from './settings-from-env';

const env: KafkaEnv = {
  KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9092'],
  KAFKA_CLIENT_ID: 'offer-indexer',
  KAFKA_TOPIC_PREFIX: 'ci-1.',
  KAFKA_TOPIC_PARTITIONS: 6,
  KAFKA_REPLICATION_FACTOR: 3,
  KAFKA_SSL: true,
};

describe('kafkaSettingsFromEnv', () => {
  it('maps the variables and names the producer after the service', () => {
    expect(kafkaSettingsFromEnv(env, 'offer-indexer')).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      clientId: 'offer-indexer',
      topicPrefix: 'ci-1.',
      partitions: 6,
      replicationFactor: 3,
      ssl: true,
      producerName: 'vigie/offer-indexer',
    });
  });

  it('enables SASL only when both the user and the password are set', () => {
    expect(
      kafkaSettingsFromEnv({ ...env, KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'pw' }, 'x').sasl,
    ).toEqual({ username: 'svc', password: 'pw' });
    expect(kafkaSettingsFromEnv({ ...env, KAFKA_SASL_USERNAME: 'svc' }, 'x')).not.toHaveProperty('sasl');
    expect(kafkaSettingsFromEnv({ ...env, KAFKA_SASL_PASSWORD: 'pw' }, 'x')).not.toHaveProperty('sasl');
  });
});

describe('consumerSettingsFromEnv', () => {
  it('maps the consumer variables', () => {
    expect(
      consumerSettingsFromEnv({
        KAFKA_GROUP_ID: 'g',
        KAFKA_CONSUMER_MAX_ATTEMPTS: 5,
        KAFKA_CONSUMER_BATCH_SIZE: 500,
        PROCESSED_EVENTS_RETENTION_MS: 86_400_000,
      }),
    ).toEqual({
      groupId: 'g',
      maxAttempts: 5,
      batchSize: 500,
      processedEventsRetentionMs: 86_400_000,
    });
  });
});
