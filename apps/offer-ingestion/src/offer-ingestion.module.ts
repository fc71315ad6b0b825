import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import { DatabaseModule, databaseSettingsFromEnv } from '@vigie/database';
import { kafkaSettingsFromEnv, MessagingModule, outboxSettingsFromEnv } from '@vigie/messaging';
import { Clock, SystemClock } from '@vigie/kernel';
import { FaultInjector } from '@vigie/observability';
import { ADMIN_TOKEN, CoreModule, MemoryTokenBucketRateLimiter, RateLimiter } from '@vigie/platform';
import type { Logger } from 'pino';
import { OfferIngestionConfig, SERVICE_NAME } from './config';
import { OFFER_INGESTION_MIGRATIONS } from './migrations/offer-ingestion-migrations';
import { ExpireOffersUseCase } from './expiry/expire-offers.usecase';
import { ExpiringOffers } from './expiry/expiring-offers.port';
import { EXPIRY_POLICY, ExpiryPolicy } from './expiry/expiry-policy';
import { OfferExpiryJob } from './expiry/offer-expiry.job';
import { PgExpiringOffers } from './expiry/pg-expiring-offers';
import { DeleteOfferUseCase } from './offers/delete-offer.usecase';
import { ExpireOfferUseCase } from './offers/expire-offer.usecase';
import { PutOfferUseCase } from './offers/put-offer.usecase';
import { OfferRepository } from './offers/offer.repository';
import { BATCH_MAX_ITEMS, OffersController } from './offers/offers.controller';
import { PgOfferRepository } from './offers/pg-offer.repository';
import { PublishOffersUseCase } from './offers/publish-offers.usecase';
import { ClusterIndex } from './quality/clustering/cluster-index.port';
import { PgClusterIndex } from './quality/clustering/pg-cluster-index';
import { OfferQualityService } from './quality/offer-quality.service';
import { PgRecruiterRepository } from './recruiters/pg-recruiter.repository';
import { RecruiterRepository } from './recruiters/recruiter.repository';
import { RecruitersController } from './recruiters/recruiters.controller';
import { AccessAudit } from './recruiters/access-audit.port';
import { ApiKeysController } from './recruiters/api-keys.controller';
import { DisableRecruiterUseCase } from './recruiters/disable-recruiter.usecase';
import { PgAccessAudit } from './recruiters/pg-access-audit';
import { KEY_ROTATION_GRACE_MS, RotateApiKeyUseCase } from './recruiters/rotate-api-key.usecase';
import { GetOfferUseCase } from './offers/get-offer.usecase';
import { DnsResolver } from './feeds/dns-resolver.port';
import { EgressPolicy } from './feeds/egress-policy';
import { FeedFetcher } from './feeds/feed-fetcher.port';
import { FeedImportStarter } from './feeds/feed-import-starter.port';
import { FeedRepository } from './feeds/feed.repository.port';
import { FeedSchedulerJob } from './feeds/feed-scheduler.job';
import { FeedsController } from './feeds/feeds.controller';
import {
  FEED_LOGGER,
  FEED_SCHEDULER_SETTINGS,
  FeedSchedulerSettings,
  FetchDueFeedsUseCase,
} from './feeds/fetch-due-feeds.usecase';
import { HttpFeedFetcher } from './feeds/http-feed-fetcher';
import { ManageFeedsUseCase } from './feeds/manage-feeds.usecase';
import { PgFeedRepository } from './feeds/pg-feed.repository';
import { FeedFormatCatalog } from './imports/feed-format-catalog.port';
import { FormatsFeedFormatCatalog } from './imports/formats-feed-format-catalog';
import { FsImportSpool } from './imports/fs-import-spool';
import { ImportJobRepository } from './imports/import-job.repository.port';
import { ImportJobsFeedImportStarter } from './imports/import-jobs-feed-import-starter';
import { IMPORT_LOGGER, IMPORT_SETTINGS, ImportSettings } from './imports/import-settings';
import { ImportSpool } from './imports/import-spool.port';
import { ImportWorkerJob } from './imports/import-worker.job';
import { ImportsController } from './imports/imports.controller';
import { ManageImportsUseCase } from './imports/manage-imports.usecase';
import { PgImportJobRepository } from './imports/pg-import-job.repository';
import { PgSnapshotExpiry } from './imports/pg-snapshot-expiry';
import { RunImportsUseCase } from './imports/run-imports.usecase';
import { BatchPreparer } from './imports/batch-preparer.port';
import { InProcessBatchPreparer } from './imports/in-process-batch-preparer';
import { WorkerBatchPreparer } from './imports/worker-batch-preparer';
import { SnapshotExpiry } from './imports/snapshot-expiry.port';
import { StartImportUseCase } from './imports/start-import.usecase';
import { EGRESS_POLICY, RegisterFeedUseCase } from './feeds/register-feed.usecase';
import { SystemDnsResolver } from './feeds/system-dns-resolver';

/**
 * The preparing worker's young generation: a batch's garbage is short-lived, and a small nursery
 * keeps the worker's share of the service's RSS low (measured in docs/ingestion.md, fifth pass).
 */
const PREPARE_WORKER_YOUNG_HEAP_MB = 8;

@Module({})
export class OfferIngestionModule {
  static register(config: OfferIngestionConfig, logger: Logger): DynamicModule {
    if (config.FEED_FETCH_ALLOW_LOOPBACK && config.NODE_ENV === 'production') {
      throw new Error(
        'FEED_FETCH_ALLOW_LOOPBACK is a test-only opt-in and is refused when NODE_ENV=production',
      );
    }
    const egress: EgressPolicy = { allowLoopback: config.FEED_FETCH_ALLOW_LOOPBACK };
    return {
      module: OfferIngestionModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(databaseSettingsFromEnv(config, SERVICE_NAME, OFFER_INGESTION_MIGRATIONS)),
        MessagingModule.forRoot({
          kafka: kafkaSettingsFromEnv(config, SERVICE_NAME),
          logger,
          faults: new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV),
          produces: [TOPICS.offerChanged, TOPICS.recruiterAccountChanged],
          consumes: [],
          kafkaRequiredForReadiness: false,
          outbox: outboxSettingsFromEnv(config),
        }),
      ],
      controllers: [
        OffersController,
        RecruitersController,
        ApiKeysController,
        FeedsController,
        ImportsController,
      ],
      providers: [
        { provide: ADMIN_TOKEN, useValue: config.ADMIN_TOKEN },
        { provide: BATCH_MAX_ITEMS, useValue: config.OFFER_BATCH_MAX_ITEMS },
        { provide: OfferRepository, useClass: PgOfferRepository },
        { provide: RecruiterRepository, useClass: PgRecruiterRepository },
        { provide: ClusterIndex, useClass: PgClusterIndex },
        OfferQualityService,
        PublishOffersUseCase,
        DeleteOfferUseCase,
        GetOfferUseCase,
        PutOfferUseCase,
        ExpireOfferUseCase,
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
        { provide: EGRESS_POLICY, useValue: egress },
        { provide: FeedRepository, useClass: PgFeedRepository },
        { provide: DnsResolver, useClass: SystemDnsResolver },
        {
          provide: FeedFetcher,
          useFactory: (dns: DnsResolver) =>
            new HttpFeedFetcher(
              {
                policy: egress,
                maxBytes: config.FEED_FETCH_MAX_BYTES,
                timeoutMs: config.FEED_FETCH_TIMEOUT_MS,
                connectTimeoutMs: config.FEED_FETCH_CONNECT_TIMEOUT_MS,
                maxRedirects: config.FEED_FETCH_MAX_REDIRECTS,
                userAgent: `vigie-feed-fetcher (${SERVICE_NAME})`,
              },
              dns,
            ),
          inject: [DnsResolver],
        },
        { provide: FeedImportStarter, useClass: ImportJobsFeedImportStarter },
        {
          provide: IMPORT_SETTINGS,
          useValue: {
            maxBytes: config.IMPORT_MAX_BYTES,
            batchSize: config.IMPORT_BATCH_SIZE,
            batchMaxBytes: config.IMPORT_BATCH_MAX_BYTES,
            leaseMs: config.IMPORT_LEASE_MS,
            concurrency: config.IMPORT_WORKER_CONCURRENCY,
            maxExpiryShare: config.IMPORT_SNAPSHOT_MAX_EXPIRY_SHARE,
            expiryBatchSize: config.OFFER_EXPIRY_BATCH_SIZE,
            parseLimits: {
              maxRecordBytes: config.IMPORT_MAX_RECORD_BYTES,
              maxDepth: config.IMPORT_MAX_DEPTH,
            },
          } satisfies ImportSettings,
        },
        { provide: IMPORT_LOGGER, useValue: logger.child({ component: 'imports' }) },
        { provide: ImportJobRepository, useClass: PgImportJobRepository },
        { provide: SnapshotExpiry, useClass: PgSnapshotExpiry },
        { provide: ImportSpool, useValue: new FsImportSpool(config.IMPORT_SPOOL_DIR) },
        { provide: FeedFormatCatalog, useClass: FormatsFeedFormatCatalog },
        {
          provide: BatchPreparer,
          useFactory: (publishOffers: PublishOffersUseCase) =>
            config.IMPORT_PREPARE_WORKER_HEAP_MB === 0
              ? new InProcessBatchPreparer(publishOffers)
              : new WorkerBatchPreparer({
                  heapMb: config.IMPORT_PREPARE_WORKER_HEAP_MB,
                  youngHeapMb: PREPARE_WORKER_YOUNG_HEAP_MB,
                  // A batch not prepared within half the lease would lose the job anyway.
                  timeoutMs: config.IMPORT_LEASE_MS / 2,
                }),
          inject: [PublishOffersUseCase],
        },
        StartImportUseCase,
        RunImportsUseCase,
        ManageImportsUseCase,
        {
          provide: ImportWorkerJob,
          useFactory: (runImports: RunImportsUseCase) =>
            new ImportWorkerJob(
              runImports,
              config.IMPORT_WORKER_INTERVAL_MS,
              logger.child({ component: 'import-worker' }),
            ),
          inject: [RunImportsUseCase],
        },
        { provide: FEED_LOGGER, useValue: logger.child({ component: 'feeds' }) },
        {
          provide: FEED_SCHEDULER_SETTINGS,
          useValue: {
            concurrency: config.FEED_FETCH_CONCURRENCY,
            leaseMs: config.FEED_FETCH_TIMEOUT_MS + 60_000,
          } satisfies FeedSchedulerSettings,
        },
        RegisterFeedUseCase,
        ManageFeedsUseCase,
        FetchDueFeedsUseCase,
        {
          provide: FeedSchedulerJob,
          useFactory: (fetchDueFeeds: FetchDueFeedsUseCase) =>
            new FeedSchedulerJob(
              fetchDueFeeds,
              config.FEED_SCHEDULER_INTERVAL_MS,
              logger.child({ component: 'feed-scheduler' }),
            ),
          inject: [FetchDueFeedsUseCase],
        },
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
