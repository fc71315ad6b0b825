import {
  alertLinksEnv,
  consumerEnv,
  databaseEnv,
  envVar,
  httpEnv,
  kafkaEnv,
  outboxEnv,
  runtimeEnv,
  sharedSubjectKeysEnv,
  subjectKeysEnv,
} from '@vigie/config';
import { z } from 'zod';

export const SERVICE_NAME = 'alert-matcher';

export const ALERT_MATCHER_ENV = {
  ...runtimeEnv,
  ...httpEnv(3004),
  ...databaseEnv('alert_matcher'),
  ...kafkaEnv(SERVICE_NAME),
  ...consumerEnv(SERVICE_NAME),
  ...alertLinksEnv,
  ...outboxEnv,
  ...subjectKeysEnv,
  ...sharedSubjectKeysEnv,
  CANDIDATE_TOKEN_SECRET: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      "Shared secret verifying candidates' HS256 tokens issued by the job board's identity service.",
    sensitive: true,
  }),
  ALERT_DELIVERY_URL: envVar(z.url().default('http://127.0.0.1:3005'), {
    description:
      'alert-delivery as alert-matcher reaches it: its internal API gives the manage page the last offers sent.',
  }),
  MATCHER_SHARDS: envVar(z.coerce.number().int().min(1).max(1_024).default(8), {
    description:
      'Shards alerts are split into (by a hash of their id); the same value on every instance. Changing it re-shards: see docs/operations.md.',
  }),
  MATCHER_OWNED_SHARDS: envVar(z.string().trim().min(1).default('all'), {
    description:
      'Shards this instance matches: "all", a range "0-3" or a list "0,2,5-7". Instances together must own each shard once.',
  }),
  ALERTS_PER_ADDRESS_MAX: envVar(z.coerce.number().int().min(1).max(1_000).default(20), {
    description:
      'Pending, active and paused alerts one e-mail address may have (with or without an account).',
  }),
};

export type AlertMatcherConfig = z.infer<z.ZodObject<typeof ALERT_MATCHER_ENV>>;
