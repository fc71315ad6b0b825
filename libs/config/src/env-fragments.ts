import { z } from 'zod';
import { csv, envVar, flag } from './env-var';

/**
 * Environment fragments shared by the services. Each service composes the fragments it needs
 * into one flat shape, so a service that does not talk to SMTP never asks for SMTP settings.
 */
export const runtimeEnv = {
  NODE_ENV: envVar(z.enum(['development', 'test', 'production']).default('development'), {
    description: 'Runtime mode. `production` disables the fault-injection hooks.',
  }),
  LOG_LEVEL: envVar(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), {
    description: 'Minimum log level (JSON logs on stdout).',
  }),
  FAULT_INJECTION: envVar(z.string().optional(), {
    description: 'Test-only fault hooks, comma-separated (ignored when NODE_ENV=production).',
  }),
};

export const httpEnv = (defaultPort: number) => ({
  HTTP_HOST: envVar(z.string().default('127.0.0.1'), {
    description: 'Interface the HTTP server binds to (0.0.0.0 in containers).',
  }),
  HTTP_PORT: envVar(z.coerce.number().int().min(0).max(65535).default(defaultPort), {
    description:
      'HTTP port (defaults: ingestion 3001, indexer 3002, cv-intake 3003, matcher 3004, delivery 3005).',
  }),
});

export const databaseEnv = (defaultSchema: string) => ({
  DATABASE_URL: envVar(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
    { description: 'Postgres connection URL (may contain a password).', sensitive: true },
  ),
  DATABASE_SCHEMA: envVar(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .default(defaultSchema),
    {
      description:
        'Postgres schema owned by the service (default: its name in snake_case, e.g. offer_ingestion).',
    },
  ),
  DATABASE_POOL_MAX: envVar(z.coerce.number().int().min(1).max(200).default(10), {
    description: 'Maximum connections in the pool.',
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: envVar(z.coerce.number().int().min(100).default(15_000), {
    description: 'Statement timeout, so a hung query fails fast instead of holding the pool.',
  }),
});

export const kafkaEnv = (defaultClientId: string) => ({
  KAFKA_BROKERS: envVar(csv(), { description: 'Comma-separated Kafka bootstrap brokers (host:port).' }),
  KAFKA_CLIENT_ID: envVar(z.string().default(defaultClientId), { description: 'Kafka client id.' }),
  KAFKA_TOPIC_PREFIX: envVar(
    z
      .string()
      .regex(/^[a-z0-9-]*\.?$/, 'must be lower-case letters, digits and dashes, optionally ending with a dot')
      .default(''),
    { description: 'Prefix added to every topic and consumer group (isolates environments and test runs).' },
  ),
  KAFKA_TOPIC_PARTITIONS: envVar(z.coerce.number().int().min(1).max(256).default(6), {
    description: 'Partitions for topics this service creates when they are missing.',
  }),
  KAFKA_REPLICATION_FACTOR: envVar(z.coerce.number().int().min(1).max(5).default(1), {
    description: 'Replication factor for topics this service creates (3 in production).',
  }),
  KAFKA_SSL: envVar(flag().default(false), { description: 'Use TLS to reach the brokers.' }),
  KAFKA_SASL_USERNAME: envVar(z.string().optional(), { description: 'SASL/SCRAM-SHA-512 user, if any.' }),
  KAFKA_SASL_PASSWORD: envVar(z.string().optional(), { description: 'SASL password.', sensitive: true }),
});

export const consumerEnv = (defaultGroupId: string) => ({
  KAFKA_GROUP_ID: envVar(z.string().default(defaultGroupId), {
    description: 'Consumer group of the service (default: the service name; prefixed like topics).',
  }),
  KAFKA_CONSUMER_MAX_ATTEMPTS: envVar(z.coerce.number().int().min(1).max(100).default(5), {
    description:
      'Attempts for a message whose error is not known to be transient before it is dead-lettered.',
  }),
  KAFKA_CONSUMER_BATCH_SIZE: envVar(z.coerce.number().int().min(1).max(10_000).default(500), {
    description: 'Largest number of messages handed to a batch handler at once.',
  }),
  PROCESSED_EVENTS_RETENTION_MS: envVar(
    z.coerce
      .number()
      .int()
      .min(60_000)
      .default(7 * 86_400_000),
    {
      description:
        "How long the inbox remembers a processed event id (default 7 days, the topics' retention); older ids are pruned.",
    },
  ),
});

export const searchEnv = {
  SEARCH_URL: envVar(z.url({ message: 'must be an http(s) URL' }), {
    description: 'OpenSearch endpoint (http://host:9200).',
  }),
  SEARCH_USERNAME: envVar(z.string().optional(), { description: 'OpenSearch user, if security is on.' }),
  SEARCH_PASSWORD: envVar(z.string().optional(), { description: 'OpenSearch password.', sensitive: true }),
  SEARCH_INDEX_PREFIX: envVar(
    z
      .string()
      .regex(/^[a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
      .default(''),
    { description: 'Prefix added to index and alias names (isolates environments and test runs).' },
  ),
};

export const outboxEnv = {
  OUTBOX_POLL_INTERVAL_MS: envVar(z.coerce.number().int().min(10).default(1_000), {
    description: 'Fallback polling interval of the outbox relay (it is also woken by LISTEN/NOTIFY).',
  }),
  OUTBOX_BATCH_SIZE: envVar(z.coerce.number().int().min(1).max(10_000).default(500), {
    description: 'Outbox rows published per relay round.',
  }),
  OUTBOX_RETENTION_MS: envVar(z.coerce.number().int().min(0).default(600_000), {
    description: 'Published outbox rows are kept this long for inspection (default 10 min), then pruned.',
  }),
};

/**
 * What alert-matcher and alert-delivery must agree on, declared once so the two never drift: the
 * secrets of the links in e-mails and of their internal APIs, and where the candidate pages live.
 */
export const alertLinksEnv = {
  UNSUBSCRIBE_SECRET: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      'Secret of the one-click unsubscribe links (same value in alert-matcher and alert-delivery).',
    sensitive: true,
  }),
  ALERT_LINK_SECRET: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      'Secret signing the expiring tokens of the candidate pages’ links (confirm, manage, unsubscribe), built by CandidateLinks; same value in alert-matcher and alert-delivery.',
    sensitive: true,
  }),
  INTERNAL_API_TOKEN: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      'Bearer token of the internal APIs (/internal/v1) between Vigie services: alert-matcher’s alerts, alert-delivery’s sent offers (same value in both).',
    sensitive: true,
  }),
  ALERTS_PUBLIC_URL: envVar(z.url().default('http://127.0.0.1:3004'), {
    description:
      'Public base URL of alert-matcher (its API and the candidate pages), for the links in e-mails.',
  }),
};

/** The per-subject keys of crypto-shredding (personal data on retained topics). */
export const subjectKeysEnv = {
  SUBJECT_KEYS_MASTER_KEY: envVar(
    z
      .string()
      .regex(/^(?:[A-Za-z0-9+/]{43}=)?$/, 'must be 32 bytes in base64 (openssl rand -base64 32), or empty')
      .default(''),
    {
      description:
        'Master key wrapping the per-subject data keys (envelope encryption); empty stores them unwrapped (the Postgres-only edition). Every service sharing a key table needs the same one.',
      sensitive: true,
    },
  ),
  SUBJECT_KEY_CACHE_MS: envVar(z.coerce.number().int().min(0).max(300_000).default(30_000), {
    description:
      'How long a process trusts a subject key without reading the store; bounds how long another process may open a record after its subject was erased. 0 reads every time.',
  }),
  SUBJECT_KEY_CACHE_ENTRIES: envVar(z.coerce.number().int().min(0).max(10_000_000).default(100_000), {
    description: 'Subject keys held in memory at most (least recently used evicted).',
  }),
};

/** The key table shared by producers and their consumers in other services (match and CV e-mail topics). */
export const sharedSubjectKeysEnv = {
  SUBJECT_KEYS_SCHEMA: envVar(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .default('subject_keys'),
    {
      description:
        "Postgres schema of the candidates' keys shared by alert-matcher and cv-intake (seal, destroy on erasure) and alert-delivery (opens): the same value in all three.",
    },
  ),
};
