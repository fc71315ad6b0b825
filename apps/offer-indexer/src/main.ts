import 'reflect-metadata';
import { runService } from '@vigie/platform';
import { OFFER_INDEXER_ENV, SERVICE_NAME } from './config';
import { OfferIndexerModule } from './offer-indexer.module';

runService({
  name: SERVICE_NAME,
  env: OFFER_INDEXER_ENV,
  module: (config, logger) => OfferIndexerModule.register(config, logger),
  consumesKafka: true,
  openApi: {
    title: 'Vigie — offer indexer',
    description: 'Keeps the OpenSearch offers index in step with offer events (operations endpoints only).',
    version: '1',
  },
});
