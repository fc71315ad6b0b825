import 'reflect-metadata';
import { runService } from '@vigie/platform';
import { OFFER_INGESTION_ENV, SERVICE_NAME } from './config';
import { OfferIngestionModule } from './offer-ingestion.module';

runService({
  name: SERVICE_NAME,
  env: OFFER_INGESTION_ENV,
  module: (config, logger) => OfferIngestionModule.register(config, logger),
  consumesKafka: false,
  jsonBodyLimit: '20mb',
  openApi: {
    title: 'Vigie — offer ingestion',
    description: 'Recruiters and their ATS publish, update and withdraw job offers.',
    version: '1',
  },
});
