import { freePort } from './net';
import { sqlIdentifier, testInfra, uniqueId } from './infra';
import { ServiceName, ServiceProcess } from './service-process';

export const TEST_SECRETS = {
  ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
  CANDIDATE_TOKEN_SECRET: 'test-candidate-secret-0123456789abcdef0123',
  UNSUBSCRIBE_SECRET: 'test-unsubscribe-secret-0123456789abcdef01',
};

export interface Stack {
  id: string;
  topicPrefix: string;
  services: Record<Exclude<ServiceName, 'cv-intake'>, ServiceProcess>;
  envOf(name: ServiceName): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The four services of the offer-to-e-mail path as processes, isolated from any other run by a
 * unique topic prefix, consumer groups, Postgres schemas and index prefix.
 */
export async function createStack(
  label: string,
  smtpUrl: string,
  overrides: Record<string, string> = {},
): Promise<Stack> {
  const infra = testInfra();
  const id = uniqueId(label);
  const topicPrefix = `${id}.`;
  const schema = sqlIdentifier(id);
  const ports = {
    ingestion: await freePort(),
    indexer: await freePort(),
    matcher: await freePort(),
    delivery: await freePort(),
  };
  const common = {
    DATABASE_URL: infra.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_TOPIC_PARTITIONS: '3',
    OUTBOX_POLL_INTERVAL_MS: '500',
    ...TEST_SECRETS,
    ...overrides,
  };
  const env: Record<Exclude<ServiceName, 'cv-intake'>, Record<string, string>> = {
    'offer-ingestion': {
      ...common,
      HTTP_PORT: String(ports.ingestion),
      DATABASE_SCHEMA: `${schema}_ingestion`,
    },
    'offer-indexer': {
      ...common,
      HTTP_PORT: String(ports.indexer),
      DATABASE_SCHEMA: `${schema}_indexer`,
      SEARCH_URL: infra.searchUrl,
      SEARCH_INDEX_PREFIX: `${id}-`,
    },
    'alert-matcher': { ...common, HTTP_PORT: String(ports.matcher), DATABASE_SCHEMA: `${schema}_matcher` },
    'alert-delivery': {
      ...common,
      HTTP_PORT: String(ports.delivery),
      DATABASE_SCHEMA: `${schema}_delivery`,
      SMTP_URL: smtpUrl,
      ALERTS_PUBLIC_URL: `http://127.0.0.1:${ports.matcher}`,
    },
  };
  const services = {
    'offer-ingestion': new ServiceProcess('offer-ingestion', env['offer-ingestion'], id),
    'offer-indexer': new ServiceProcess('offer-indexer', env['offer-indexer'], id),
    'alert-matcher': new ServiceProcess('alert-matcher', env['alert-matcher'], id),
    'alert-delivery': new ServiceProcess('alert-delivery', env['alert-delivery'], id),
  };
  return {
    id,
    topicPrefix,
    services,
    envOf: (name) => env[name as keyof typeof env] ?? {},
    stop: async () => {
      await Promise.all(Object.values(services).map((s) => s.stop()));
    },
  };
}

export async function startStack(stack: Stack): Promise<void> {
  const all = Object.values(stack.services);
  for (const s of all) s.start();
  await Promise.all(all.map((s) => s.ready()));
}
