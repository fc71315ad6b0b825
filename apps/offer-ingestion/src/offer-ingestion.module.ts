import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import { DatabaseModule, databaseSettingsFromEnv } from '@vigie/database';
import { kafkaSettingsFromEnv, MessagingModule, outboxSettingsFromEnv } from '@vigie/messaging';
import { Clock, SystemClock } from '@vigie/kernel';
import { FaultInjector } from '@vigie/observability';
import { ADMIN_TOKEN, CoreModule } from '@vigie/platform';
import type { Logger } from 'pino';
import { OfferIngestionConfig, SERVICE_NAME } from './config';
import { CreateOffers1764400000000 } from './migrations/1764400000000-create-offers';
import { ExpireOffersUseCase } from './expiry/expire-offers.usecase';
import { ExpiringOffers } from './expiry/expiring-offers.port';
import { EXPIRY_POLICY, ExpiryPolicy } from './expiry/expiry-policy';
import { OfferExpiryJob } from './expiry/offer-expiry.job';
import { PgExpiringOffers } from './expiry/pg-expiring-offers';
import { OfferContentV21764600000000 } from './migrations/1764600000000-offer-content-v2';
import { OfferExpiry1764700000000 } from './migrations/1764700000000-offer-expiry';
import { EventTableRetention1764700000010 } from './migrations/1764700000010-event-table-retention';
import { DeleteOfferUseCase } from './offers/delete-offer.usecase';
import { OfferRepository } from './offers/offer.repository';
import { BATCH_MAX_ITEMS, OffersController } from './offers/offers.controller';
import { PgOfferRepository } from './offers/pg-offer.repository';
import { PublishOffersUseCase } from './offers/publish-offers.usecase';
import { PgRecruiterRepository } from './recruiters/pg-recruiter.repository';
import { RecruiterRepository } from './recruiters/recruiter.repository';
import { RecruitersController } from './recruiters/recruiters.controller';
import { AccessAudit } from './recruiters/access-audit.port';
import { ApiKeysController } from './recruiters/api-keys.controller';
import { DisableRecruiterUseCase } from './recruiters/disable-recruiter.usecase';
import { MemoryTokenBucketRateLimiter } from './recruiters/memory-token-bucket.rate-limiter';
import { PgAccessAudit } from './recruiters/pg-access-audit';
import { RateLimiter } from './recruiters/rate-limiter.port';
import { KEY_ROTATION_GRACE_MS, RotateApiKeyUseCase } from './recruiters/rotate-api-key.usecase';
import { GetOfferUseCase } from './offers/get-offer.usecase';
import { ApiKeyRotation1764700000020 } from './migrations/1764700000020-api-key-rotation';

@Module({})
export class OfferIngestionModule {
  static register(config: OfferIngestionConfig, logger: Logger): DynamicModule {
    return {
      module: OfferIngestionModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(
          databaseSettingsFromEnv(config, SERVICE_NAME, [
            CreateOffers1764400000000,
            OfferContentV21764600000000,
            OfferExpiry1764700000000,
            EventTableRetention1764700000010,
            ApiKeyRotation1764700000020,
          ]),
        ),
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
      controllers: [OffersController, RecruitersController, ApiKeysController],
      providers: [
        { provide: ADMIN_TOKEN, useValue: config.ADMIN_TOKEN },
        { provide: BATCH_MAX_ITEMS, useValue: config.OFFER_BATCH_MAX_ITEMS },
        { provide: OfferRepository, useClass: PgOfferRepository },
        { provide: RecruiterRepository, useClass: PgRecruiterRepository },
        PublishOffersUseCase,
        DeleteOfferUseCase,
        GetOfferUseCase,
        { provide: Clock, useClass: SystemClock },
        { provide: AccessAudit, useClass: PgAccessAudit },
        {
          provide: RateLimiter,
          useFactory: (clock: Clock) =>
            new MemoryTokenBucketRateLimiter(
              {
                burst: config.API_KEY_RATE_LIMIT_BURST,
                perMinute: config.API_KEY_RATE_LIMIT_PER_MINUTE,
                maxKeys: 100_000,
              },
              clock,
            ),
          inject: [Clock],
        },
        { provide: KEY_ROTATION_GRACE_MS, useValue: config.API_KEY_ROTATION_GRACE_MS },
        RotateApiKeyUseCase,
        DisableRecruiterUseCase,
        {
          provide: EXPIRY_POLICY,
          useValue: {
            maxAgeMs: config.OFFER_MAX_AGE_DAYS * 86_400_000,
            batchSize: config.OFFER_EXPIRY_BATCH_SIZE,
          } satisfies ExpiryPolicy,
        },
        { provide: ExpiringOffers, useClass: PgExpiringOffers },
        ExpireOffersUseCase,
        {
          provide: OfferExpiryJob,
          useFactory: (expireOffers: ExpireOffersUseCase) =>
            new OfferExpiryJob(
              expireOffers,
              config.OFFER_EXPIRY_INTERVAL_MS,
              logger.child({ component: 'offer-expiry' }),
            ),
          inject: [ExpireOffersUseCase],
        },
      ],
    };
  }
}
