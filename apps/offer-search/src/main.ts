import 'reflect-metadata';
import { runService } from '@vigie/platform';
import { OFFER_SEARCH_ENV, SERVICE_NAME } from './config';
import { OfferSearchModule } from './offer-search.module';

runService({
  name: SERVICE_NAME,
  env: OFFER_SEARCH_ENV,
  module: (config, logger) => OfferSearchModule.register(config, logger),
  consumesKafka: false,
  openApi: {
    title: 'Vigie — offer search',
    description:
      'Anonymous candidate search over the live offers (French-aware text, place, filters, facets) and the ' +
      'public offer page. Rate-limited per client IP (429 with Retry-After).',
    version: '1',
  },
});
