import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { KafkaSettings } from './kafka-settings';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go to the service's JSON log. */
export function createKafka(settings: KafkaSettings, logger: Logger): Kafka {
  // kafkajs prints a partitioner notice on every producer otherwise.
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: settings.ssl,
    ...(settings.sasl ? { sasl: { mechanism: 'scram-sha-512' as const, ...settings.sasl } } : {}),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[LEVELS[level] ?? 'info']({ ...rest, namespace: undefined }, message);
      },
  });
}
