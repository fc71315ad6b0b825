import {
  consumerEnv,
  databaseEnv,
  envVar,
  flag,
  httpEnv,
  kafkaEnv,
  runtimeEnv,
  searchEnv,
} from '@vigie/config';
import { z } from 'zod';

export const SERVICE_NAME = 'offer-indexer';

export const OFFER_INDEXER_ENV = {
  ...runtimeEnv,
  ...httpEnv(3002),
  ...databaseEnv('offer_indexer'),
  ...kafkaEnv(SERVICE_NAME),
  ...consumerEnv(SERVICE_NAME),
  ...searchEnv,
  SEARCH_REPLICAS: envVar(z.coerce.number().int().min(0).max(5).default(0), {
    description: 'Replicas of the offers index (0 on a single node, 1+ in production).',
  }),
  // Larger batches than the platform default: one bulk write per batch, and a backlog drains faster.
  KAFKA_CONSUMER_BATCH_SIZE: envVar(z.coerce.number().int().min(1).max(10_000).default(2_000), {
    description: 'Largest number of messages handed to a batch handler at once.',
  }),
  KAFKA_FETCH_MAX_BYTES_PER_PARTITION: envVar(
    z.coerce
      .number()
      .int()
      .min(65_536)
      .max(64 * 1_048_576)
      .default(8 * 1_048_576),
    {
      description:
        'Bytes fetched per partition at once (an offer event is 2–5 kB): large enough to fill a batch.',
    },
  ),
  SEARCH_BULK_MAX_BYTES: envVar(
    z.coerce
      .number()
      .int()
      .min(65_536)
      .max(100 * 1_048_576)
      .default(5 * 1_048_576),
    {
      description:
        'Largest _bulk request body in bytes (OpenSearch advises 5–15 MB; http.max_content_length caps it).',
    },
  ),
  SEARCH_BULK_MAX_DOCS: envVar(z.coerce.number().int().min(1).max(10_000).default(1_000), {
    description: 'Most offers in one _bulk request.',
  }),
  SEARCH_BULK_CONCURRENCY: envVar(z.coerce.number().int().min(1).max(16).default(2), {
    description: '_bulk requests of one write in flight at once (per partition being consumed).',
  }),
  SEARCH_BULK_REFRESH_INTERVAL: envVar(
    z
      .string()
      .regex(/^(\d+(ms|s|m)|-1)$/, 'must be an OpenSearch time value such as 30s, or -1')
      .default('30s'),
    {
      description:
        'Refresh interval of the offers index during a bulk load (a backlog, a replay); 1s otherwise.',
    },
  ),
  SEARCH_BULK_LOAD_MIN_DOCS: envVar(z.coerce.number().int().min(1).default(500), {
    description: 'A write of at least this many offers starts (or prolongs) a bulk load.',
  }),
  SEARCH_BULK_LOAD_IDLE_MS: envVar(z.coerce.number().int().min(500).default(5_000), {
    description: 'The usual refresh interval comes back after this long without bulk-load writes.',
  }),
  OFFER_SOURCE_SCHEMA: envVar(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .default('offer_ingestion'),
    {
      description:
        "Schema of offer-ingestion's offers table, read (SELECT only) by reconciliation and reindex.",
    },
  ),
  RECONCILE_INTERVAL_MS: envVar(
    z.coerce
      .number()
      .int()
      // A scan of the whole index every few milliseconds is a typo, not a schedule.
      .refine((ms) => ms === 0 || ms >= 10_000, 'must be 0 (off) or at least 10000 ms')
      .default(3_600_000),
    {
      description:
        'Pause between scheduled reconciliations of the index with the offers table (first one an interval after start); 0 turns the schedule off.',
    },
  ),
  RECONCILE_GRACE_MS: envVar(z.coerce.number().int().min(0).default(300_000), {
    description: 'Offers changed more recently than this are still on their way through Kafka: not drift.',
  }),
  RECONCILE_PAGE_SIZE: envVar(z.coerce.number().int().min(10).max(10_000).default(1_000), {
    description: 'Offers compared per page on each side during reconciliation.',
  }),
  RECONCILE_REPAIR: envVar(flag().default(true), {
    description: 'Whether scheduled reconciliation repairs the drift it finds (false: report only).',
  }),
};

export type OfferIndexerConfig = z.infer<z.ZodObject<typeof OFFER_INDEXER_ENV>>;
