import { Kafka } from 'kafkajs';
import { VigieApi } from './api-client';
import { testKafka } from './kafka';
import { freePort } from './net';
import { SmtpCapture } from './smtp-capture';
import { sqlIdentifier, testInfra, uniqueId } from './infra';
import { ServiceName, ServiceProcess } from './service-process';
import { TEST_SECRETS } from './test-secrets';

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
    // The candidates' keys alert-matcher and alert-delivery share: one schema per stack.
    SUBJECT_KEYS_SCHEMA: `${schema}_keys`,
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
    'alert-matcher': {
      ...common,
      HTTP_PORT: String(ports.matcher),
      DATABASE_SCHEMA: `${schema}_matcher`,
      ALERTS_PUBLIC_URL: `http://127.0.0.1:${ports.matcher}`,
      ALERT_DELIVERY_URL: `http://127.0.0.1:${ports.delivery}`,
    },
    'alert-delivery': {
      ...common,
      HTTP_PORT: String(ports.delivery),
      DATABASE_SCHEMA: `${schema}_delivery`,
      SMTP_URL: smtpUrl,
      ALERTS_PUBLIC_URL: `http://127.0.0.1:${ports.matcher}`,
      // Instant alerts are grouped: a short window keeps suites fast; no quiet hours and a high
      // daily cap, so the time of day a suite runs at and its number of e-mails change nothing.
      DELIVERY_GROUP_WINDOW_MS: '1000',
      DELIVERY_DISPATCH_INTERVAL_MS: '250',
      DELIVERY_QUIET_HOURS: '0-0',
      DELIVERY_DAILY_CAP: '100',
      ...overrides,
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

/** What an end-to-end suite works with once its stack is up. */
export interface RunningStack {
  stack: Stack;
  smtp: SmtpCapture;
  api: VigieApi;
  kafka: Kafka;
  /** The physical name of a topic in this stack (with its prefix). */
  topic(logical: string): string;
}

/**
 * Runs the four services of the offer-to-e-mail path for one suite: registers the suite's
 * beforeAll/afterAll and returns an object that is filled in once everything is ready.
 */
export function useRunningStack(label: string, overrides: Record<string, string> = {}): RunningStack {
  const running = { smtp: new SmtpCapture(), kafka: testKafka(testInfra().kafkaBrokers) } as RunningStack;
  running.topic = (logical) => `${running.stack.topicPrefix}${logical}`;
  beforeAll(async () => {
    await running.smtp.start();
    running.stack = await createStack(label, running.smtp.url, overrides);
    await startStack(running.stack);
    running.api = new VigieApi({
      ingestion: running.stack.services['offer-ingestion'].url,
      alerts: running.stack.services['alert-matcher'].url,
    });
  });
  afterAll(async () => {
    await running.stack?.stop();
    await running.smtp.stop();
  });
  return running;
}
