import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import { DatabaseModule, databaseSettingsFromEnv } from '@vigie/database';
import { kafkaSettingsFromEnv, MessagingModule, outboxSettingsFromEnv } from '@vigie/messaging';
import { FaultInjector } from '@vigie/observability';
import { ADMIN_TOKEN, CoreModule } from '@vigie/platform';
import type { Logger } from 'pino';
import { OfferIngestionConfig, SERVICE_NAME } from './config';
import { OFFER_INGESTION_MIGRATIONS } from './migrations/offer-ingestion-migrations';
import { DeleteOfferUseCase } from './offers/delete-offer.usecase';
import { OfferRepository } from './offers/offer.repository';
import { BATCH_MAX_ITEMS, OffersController } from './offers/offers.controller';
import { PgOfferRepository } from './offers/pg-offer.repository';
import { PublishOffersUseCase } from './offers/publish-offers.usecase';
import { ClusterIndex } from './quality/clustering/cluster-index.port';
import { PgClusterIndex } from './quality/clustering/pg-cluster-index';
import { OfferQualityService } from './quality/offer-quality.service';
import { PgRecruiterRepository, RecruiterRepository } from './recruiters/recruiter.repository';
import { RecruitersController } from './recruiters/recruiters.controller';

@Module({})
export class OfferIngestionModule {
  static register(config: OfferIngestionConfig, logger: Logger): DynamicModule {
    return {
      module: OfferIngestionModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(databaseSettingsFromEnv(config, SERVICE_NAME, OFFER_INGESTION_MIGRATIONS)),
        MessagingModule.forRoot({
          kafka: kafkaSettingsFromEnv(config, SERVICE_NAME),
          logger,
          faults: new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV),
          produces: [TOPICS.offerChanged],
          consumes: [],
          kafkaRequiredForReadiness: false,
          outbox: outboxSettingsFromEnv(config),
        }),
      ],
      controllers: [OffersController, RecruitersController],
      providers: [
        { provide: ADMIN_TOKEN, useValue: config.ADMIN_TOKEN },
        { provide: BATCH_MAX_ITEMS, useValue: config.OFFER_BATCH_MAX_ITEMS },
        { provide: OfferRepository, useClass: PgOfferRepository },
        { provide: RecruiterRepository, useClass: PgRecruiterRepository },
        { provide: ClusterIndex, useClass: PgClusterIndex },
        OfferQualityService,
        PublishOffersUseCase,
        DeleteOfferUseCase,
      ],
    };
  }
}
