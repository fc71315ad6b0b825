import { consumerEnv, databaseEnv, envVar, httpEnv, kafkaEnv, runtimeEnv, searchEnv } from '@vigie/config';
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
};

export type OfferIndexerConfig = z.infer<z.ZodObject<typeof OFFER_INDEXER_ENV>>;
