import { envVar, httpEnv, runtimeEnv, searchEnv } from '@vigie/config';
import { z } from 'zod';

export const SERVICE_NAME = 'offer-search';

export const OFFER_SEARCH_ENV = {
  ...runtimeEnv,
  ...httpEnv(3006),
  ...searchEnv,
  SEARCH_PUBLIC_BASE_URL: envVar(
    z.url({ message: 'must be an http(s) URL' }).default('http://127.0.0.1:3006'),
    {
      description:
        'Base of the stable public offer URLs (`<base>/offres/<offerId>`), the job board front end.',
    },
  ),
  SEARCH_MAX_PAGE_SIZE: envVar(z.coerce.number().int().min(1).max(100).default(50), {
    description: 'Largest `size` a search may ask for.',
  }),
  SEARCH_MAX_DEPTH: envVar(z.coerce.number().int().min(10).max(10_000).default(1_000), {
    description: 'Results a search can page through (search_after); past it, refine the search.',
  }),
  SEARCH_RATE_LIMIT_PER_MINUTE: envVar(z.coerce.number().int().min(1).max(1_000_000).default(300), {
    description: 'Sustained searches per minute per client IP (token bucket refill, per replica).',
  }),
  SEARCH_RATE_LIMIT_BURST: envVar(z.coerce.number().int().min(1).max(100_000).default(60), {
    description: 'Searches a client IP may make in a burst (token bucket size).',
  }),
  SEARCH_TRUSTED_PROXY_HOPS: envVar(z.coerce.number().int().min(0).max(10).default(0), {
    description:
      'Reverse proxies in front of the service that append to X-Forwarded-For. 0: the header is ignored ' +
      'and the socket address is the client; n: the n-th address from the right is.',
  }),
};

export type OfferSearchConfig = z.infer<z.ZodObject<typeof OFFER_SEARCH_ENV>>;
