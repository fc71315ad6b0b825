import { consumerEnv, databaseEnv, envVar, httpEnv, kafkaEnv, outboxEnv, runtimeEnv } from '@vigie/config';
import { z } from 'zod';

export const SERVICE_NAME = 'alert-matcher';

export const ALERT_MATCHER_ENV = {
  ...runtimeEnv,
  ...httpEnv(3004),
  ...databaseEnv('alert_matcher'),
  ...kafkaEnv(SERVICE_NAME),
  ...consumerEnv(SERVICE_NAME),
  ...outboxEnv,
  CANDIDATE_TOKEN_SECRET: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      "Shared secret verifying candidates' HS256 tokens issued by the job board's identity service.",
    sensitive: true,
  }),
  UNSUBSCRIBE_SECRET: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      'Secret of the one-click unsubscribe links (same value in alert-matcher and alert-delivery).',
    sensitive: true,
  }),
  ALERTS_PER_ADDRESS_MAX: envVar(z.coerce.number().int().min(1).max(1_000).default(20), {
    description:
      'Pending, active and paused alerts one e-mail address may have (with or without an account).',
  }),
};

export type AlertMatcherConfig = z.infer<z.ZodObject<typeof ALERT_MATCHER_ENV>>;
