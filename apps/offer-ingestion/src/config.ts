import { databaseEnv, envVar, flag, httpEnv, kafkaEnv, outboxEnv, runtimeEnv } from '@vigie/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const SERVICE_NAME = 'offer-ingestion';

export const OFFER_INGESTION_ENV = {
  ...runtimeEnv,
  ...httpEnv(3001),
  ...databaseEnv('offer_ingestion'),
  ...kafkaEnv(SERVICE_NAME),
  ...outboxEnv,
  ADMIN_TOKEN: envVar(z.string().min(24, 'must be at least 24 characters'), {
    description: 'Operator token for /v1/admin endpoints (creating recruiter accounts).',
    sensitive: true,
  }),
  API_KEY_ROTATION_GRACE_MS: envVar(
    z.coerce
      .number()
      .int()
      .min(0)
      .max(30 * 86_400_000)
      .default(86_400_000),
    {
      description: 'After POST /v1/api-keys/rotate the previous key keeps working this long (default 24 h).',
    },
  ),
  API_KEY_RATE_LIMIT_PER_MINUTE: envVar(z.coerce.number().int().min(1).max(1_000_000).default(600), {
    description: 'Sustained requests per minute allowed to one API key, per replica.',
  }),
  API_KEY_RATE_LIMIT_BURST: envVar(z.coerce.number().int().min(1).max(100_000).default(60), {
    description: 'Requests one API key may make in a burst before its sustained rate applies, per replica.',
  }),
  OFFER_MAX_AGE_DAYS: envVar(z.coerce.number().int().min(1).max(3_650).default(60), {
    description:
      'An offer expires this many days after its publication unless its validThrough ends it sooner.',
  }),
  OFFER_EXPIRY_INTERVAL_MS: envVar(z.coerce.number().int().min(100).default(60_000), {
    description: 'Pause between two runs of the offer expiry job.',
  }),
  OFFER_EXPIRY_BATCH_SIZE: envVar(z.coerce.number().int().min(1).max(10_000).default(1_000), {
    description: 'Offers expired per transaction by the expiry job.',
  }),
  FEED_SCHEDULER_INTERVAL_MS: envVar(z.coerce.number().int().min(100).default(30_000), {
    description: 'How often each replica looks for due feeds (a Postgres lease decides who fetches which).',
  }),
  FEED_FETCH_CONCURRENCY: envVar(z.coerce.number().int().min(1).max(32).default(2), {
    description: 'Feeds one replica fetches and imports at once.',
  }),
  FEED_FETCH_MAX_BYTES: envVar(
    z.coerce
      .number()
      .int()
      .min(1_024)
      .default(512 * 1024 * 1024),
    {
      description: 'Largest feed body accepted from a feed URL, in bytes as transferred (default 512 MiB).',
    },
  ),
  FEED_FETCH_TIMEOUT_MS: envVar(
    z.coerce
      .number()
      .int()
      .min(1_000)
      .default(15 * 60_000),
    {
      description: 'Longest a whole feed fetch may take, body and import included (default 15 min).',
    },
  ),
  FEED_FETCH_CONNECT_TIMEOUT_MS: envVar(z.coerce.number().int().min(100).default(15_000), {
    description: 'Longest wait for a feed server to answer with its headers.',
  }),
  FEED_FETCH_MAX_REDIRECTS: envVar(z.coerce.number().int().min(0).max(10).default(5), {
    description: 'Redirects followed per feed fetch, each one checked against the egress policy.',
  }),
  FEED_FETCH_ALLOW_LOOPBACK: envVar(flag().default(false), {
    description:
      'TEST ONLY: lets feed URLs use http: and reach loopback addresses (local test servers). Refused when NODE_ENV=production.',
  }),
  IMPORT_SPOOL_DIR: envVar(z.string().min(1).default(join(tmpdir(), 'vigie-import-spool')), {
    description:
      'Directory where uploaded and fetched feeds wait, decompressed, for the import worker (one file per job, removed when parsed).',
  }),
  IMPORT_MAX_BYTES: envVar(
    z.coerce
      .number()
      .int()
      .min(1_024)
      .default(2 * 1024 * 1024 * 1024),
    {
      description:
        'Largest feed accepted by POST /v1/imports and feed fetches, in bytes once decompressed (default 2 GiB).',
    },
  ),
  IMPORT_BATCH_SIZE: envVar(z.coerce.number().int().min(1).max(10_000).default(500), {
    description: 'Feed items per import transaction (offers, outbox events, report rows and checkpoint).',
  }),
  IMPORT_BATCH_MAX_BYTES: envVar(
    z.coerce
      .number()
      .int()
      .min(1)
      .default(4 * 1024 * 1024),
    {
      description:
        'An import batch also ends once it spans this many bytes of the decompressed feed (default 4 MiB): memory stays bounded with large records.',
    },
  ),
  IMPORT_PREPARE_WORKER_HEAP_MB: envVar(z.coerce.number().int().min(0).max(4_096).default(0), {
    description:
      '0 (the default) prepares each import batch (validation, screening, fingerprints) on the main thread. A positive value moves that work to a worker thread with this old-generation heap (MiB), while the previous batch commits; past it the import fails IMPORT_PREPARE_FAILED. On two cores it did not pay and cost 90 MiB of RSS (docs/ingestion.md, fifth pass).',
  }),
  IMPORT_WORKER_INTERVAL_MS: envVar(z.coerce.number().int().min(50).default(1_000), {
    description: 'How often each replica looks for queued import jobs.',
  }),
  IMPORT_WORKER_CONCURRENCY: envVar(z.coerce.number().int().min(1).max(16).default(1), {
    description: 'Import jobs one replica runs at once.',
  }),
  IMPORT_LEASE_MS: envVar(z.coerce.number().int().min(1_000).default(120_000), {
    description:
      'An import job whose worker commits no batch for this long is taken over by another worker (resumed from its checkpoint).',
  }),
  IMPORT_SNAPSHOT_MAX_EXPIRY_SHARE: envVar(z.coerce.number().min(0).max(1).default(0.3), {
    description:
      'A snapshot import that would expire more than this share of the live offers is held until the recruiter confirms.',
  }),
  IMPORT_MAX_RECORD_BYTES: envVar(
    z.coerce
      .number()
      .int()
      .min(1_024)
      .default(1024 * 1024),
    {
      description: 'Largest single feed record (one offer), in bytes of source text.',
    },
  ),
  IMPORT_MAX_DEPTH: envVar(z.coerce.number().int().min(2).max(256).default(32), {
    description: 'Deepest XML / JSON nesting accepted in a feed.',
  }),
  OFFER_BATCH_MAX_ITEMS: envVar(z.coerce.number().int().min(1).max(10_000).default(1_000), {
    description: 'Largest number of offers accepted in one POST /v1/offers/batch.',
  }),
};

export type OfferIngestionConfig = z.infer<z.ZodObject<typeof OFFER_INGESTION_ENV>>;
