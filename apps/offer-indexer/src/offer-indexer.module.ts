import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import { DatabaseModule, databaseSettingsFromEnv, isTransientDatabaseError } from '@vigie/database';
import { consumerSettingsFromEnv, kafkaSettingsFromEnv, MessagingModule } from '@vigie/messaging';
import { Clock, SystemClock } from '@vigie/kernel';
import { FaultInjector } from '@vigie/observability';
import { CoreModule } from '@vigie/platform';
import { searchErrorClassifier } from '@vigie/search-engine';
import type { Logger } from 'pino';
import { OfferIndexerConfig, SERVICE_NAME } from './config';
import { IndexOffersUseCase } from './indexing/index-offers.usecase';
import { IndexStateRepository, PgIndexStateRepository } from './indexing/index-state.repository';
import { OfferChangedConsumer } from './indexing/offer-changed.consumer';
import { CreateIndexState1764400000001 } from './migrations/1764400000001-create-index-state';
import { IndexStateExpired1764600000001 } from './migrations/1764600000001-index-state-expired';
import { reindexProviders } from './reindex/reindex.providers';
import { reconciliationProviders } from './reconciliation/reconciliation.providers';
import { SearchModule } from './search/search.module';

@Module({})
export class OfferIndexerModule {
  static register(config: OfferIndexerConfig, logger: Logger): DynamicModule {
    return {
      module: OfferIndexerModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(
          databaseSettingsFromEnv(config, SERVICE_NAME, [
            CreateIndexState1764400000001,
            IndexStateExpired1764600000001,
          ]),
        ),
        MessagingModule.forRoot({
          kafka: kafkaSettingsFromEnv(config, SERVICE_NAME),
          consumer: {
            ...consumerSettingsFromEnv(config),
            maxBytesPerPartition: config.KAFKA_FETCH_MAX_BYTES_PER_PARTITION,
          },
          logger,
          faults: new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV),
          produces: [TOPICS.offerIndexed],
          consumes: [TOPICS.offerChanged],
          classifiers: [
            searchErrorClassifier,
            (e) => (isTransientDatabaseError(e) ? 'transient' : undefined),
          ],
        }),
        SearchModule.forRoot({
          url: config.SEARCH_URL,
          username: config.SEARCH_USERNAME,
          password: config.SEARCH_PASSWORD,
          indexPrefix: config.SEARCH_INDEX_PREFIX,
          replicas: config.SEARCH_REPLICAS,
          bulk: {
            maxBytes: config.SEARCH_BULK_MAX_BYTES,
            maxDocs: config.SEARCH_BULK_MAX_DOCS,
            concurrency: config.SEARCH_BULK_CONCURRENCY,
            refresh: {
              bulkInterval: config.SEARCH_BULK_REFRESH_INTERVAL,
              bulkMinDocs: config.SEARCH_BULK_LOAD_MIN_DOCS,
              idleMs: config.SEARCH_BULK_LOAD_IDLE_MS,
            },
          },
          logger,
        }),
      ],
      controllers: [OfferChangedConsumer],
      providers: [
        { provide: Clock, useClass: SystemClock },
        IndexOffersUseCase,
        { provide: IndexStateRepository, useClass: PgIndexStateRepository },
        ...reconciliationProviders(config, logger),
        ...reindexProviders(config, logger),
      ],
    };
  }
}
