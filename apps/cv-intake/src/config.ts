import {
  consumerEnv,
  csv,
  databaseEnv,
  envVar,
  httpEnv,
  kafkaEnv,
  outboxEnv,
  runtimeEnv,
  searchEnv,
  sharedSubjectKeysEnv,
  subjectKeysEnv,
} from '@vigie/config';
import { z } from 'zod';

export const SERVICE_NAME = 'cv-intake';

export const CV_INTAKE_ENV = {
  ...runtimeEnv,
  ...httpEnv(3003),
  ...databaseEnv('cv_intake'),
  ...kafkaEnv(SERVICE_NAME),
  ...consumerEnv(SERVICE_NAME),
  ...outboxEnv,
  ...searchEnv,
  ...subjectKeysEnv,
  ...sharedSubjectKeysEnv,
  SEARCH_REPLICAS: envVar(z.coerce.number().int().min(0).max(5).default(0), {
    description: 'Replicas of the cvs index (0 on a single node, 1+ in production).',
  }),
  ERASURE_CONFIRMING_SERVICES: envVar(csv().default(['cv-intake', 'alert-matcher', 'alert-delivery']), {
    description:
      'Services that must confirm an erasure (candidates.erasure.confirmed.v1) before its receipt is complete.',
  }),
  CV_VIEW_CACHE_MS: envVar(z.coerce.number().int().min(0).max(60_000).default(1_000), {
    description:
      'How long a replica holds a CV recruiters open (its profile and the contact details given); 0 reads every time. A hidden or erased CV, or a withdrawn contact, shows within it.',
  }),
  CV_VIEW_SUMMARY_INTERVAL_MS: envVar(z.coerce.number().int().min(100).default(3_600_000), {
    description:
      'Pause between two rounds of the weekly CV views summaries (computed once the Paris week is over, Monday 06:00).',
  }),
  CV_RETENTION_INTERVAL_MS: envVar(z.coerce.number().int().min(100).default(3_600_000), {
    description:
      'Pause between two rounds of the CV retention (warn a month before two years of inactivity, then erase).',
  }),
  CV_SEARCH_PER_MINUTE: envVar(z.coerce.number().int().min(1).default(60), {
    description: "Recruiter CV searches per minute and API key (the recruiter's quota; 429 beyond).",
  }),
  CV_VIEWS_PER_MINUTE: envVar(z.coerce.number().int().min(1).default(600), {
    description: 'CVs a recruiter may open per minute and API key (429 beyond).',
  }),
  CANDIDATE_TOKEN_SECRET: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      "Shared secret verifying candidates' HS256 tokens issued by the job board's identity service.",
    sensitive: true,
  }),
  ALERT_MATCHER_URL: envVar(z.url().default('http://127.0.0.1:3004'), {
    description:
      "alert-matcher as cv-intake reaches it: accepting a CV's suggested alert creates it there with the candidate's token.",
  }),
  CV_STORAGE_DIR: envVar(z.string().min(1).default('/var/lib/vigie/cvs'), {
    description: 'Directory of the filesystem file storage holding the original CVs (random keys).',
  }),
  CV_MAX_BYTES: envVar(
    z.coerce
      .number()
      .int()
      .min(1_024)
      .max(50 * 1_048_576)
      .default(10 * 1_048_576),
    { description: 'Largest CV file accepted, in bytes (413 above).' },
  ),
  CV_ZIP_MAX_ENTRIES: envVar(z.coerce.number().int().min(10).max(100_000).default(1_000), {
    description: 'Most entries a DOCX/ODT central directory may declare before it is refused.',
  }),
  CV_ZIP_MAX_UNCOMPRESSED_BYTES: envVar(
    z.coerce
      .number()
      .int()
      .min(1_048_576)
      .default(100 * 1_048_576),
    { description: 'Largest total uncompressed size a DOCX/ODT may declare (zip bombs are refused).' },
  ),
  CV_PROCESSING_INTERVAL_MS: envVar(z.coerce.number().int().min(50).default(1_000), {
    description: 'Pause of the background worker that extracts and parses uploaded CVs when idle.',
  }),
  CV_PARSE_WORKERS: envVar(z.coerce.number().int().min(0).max(16).default(1), {
    description:
      'Worker threads extracting CV text (pdf.js, mammoth, ODT), each with its own heap limit; 0 extracts in the service’s own thread.',
  }),
  CV_PARSE_WORKER_HEAP_MB: envVar(z.coerce.number().int().min(32).max(4_096).default(256), {
    description:
      'Heap limit of each extraction worker in MiB: a document past it fails its CV (extraction_failed), the worker is replaced.',
  }),
  CV_PARSE_TIMEOUT_MS: envVar(z.coerce.number().int().min(1_000).default(30_000), {
    description:
      'Longest text extraction of one CV, from the moment a worker starts it: past it the CV fails (extraction_timeout) and the worker is terminated.',
  }),
};

export type CvIntakeConfig = z.infer<z.ZodObject<typeof CV_INTAKE_ENV>>;
