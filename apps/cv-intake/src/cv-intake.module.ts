import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import {
  DatabaseModule,
  databaseSettingsFromEnv,
  isTransientDatabaseError,
  pgSubjectCipher,
  sharedSubjectKeyProviders,
} from '@vigie/database';
import { loadGazetteer } from '@vigie/geo';
import { Clock, SubjectCipher, SystemClock } from '@vigie/kernel';
import {
  consumerSettingsFromEnv,
  EventPublisher,
  kafkaSettingsFromEnv,
  MessagingModule,
  outboxSettingsFromEnv,
} from '@vigie/messaging';
import { FaultInjector } from '@vigie/observability';
import { CANDIDATE_TOKEN_SECRET, CoreModule, MemoryTokenBucketRateLimiter } from '@vigie/platform';
import { searchErrorClassifier } from '@vigie/search-engine';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CvIntakeConfig, SERVICE_NAME } from './config';
import { CandidateContactController, RecruiterContactController } from './contact/contact.controllers';
import { contactProviders } from './contact/contact.providers';
import { CommuneDirectory } from './cv-search/commune-directory.port';
import { CvSearchController } from './cv-search/cv-search.controller';
import { GazetteerCommuneDirectory } from './cv-search/gazetteer-commune-directory';
import { SearchCvsUseCase } from './cv-search/search-cvs.usecase';
import { BatchingCvViewPublisher } from './cv-views/batching-cv-view-publisher';
import { CvViewLedger, CvViewPublisher, RecruiterCvReader } from './cv-views/cv-view.port';
import { CvViewedConsumer } from './cv-views/cv-viewed.consumer';
import { CandidateCvViewsController, RecruiterCvController } from './cv-views/cv-views.controller';
import { OpenCvUseCase } from './cv-views/open-cv.usecase';
import { RecordCvViewsUseCase } from './cv-views/record-cv-views.usecase';
import { PgCvViewLedger } from './cv-views/pg-cv-view-ledger';
import { PgRecruiterCvReader } from './cv-views/pg-recruiter-cv-reader';
import { CachedRecruiterCvReader } from './cv-views/cached-recruiter-cv-reader';
import { CANDIDATE_CIPHER, CandidateSealer } from './cv-emails/candidate-sealer';
import { CvRepository } from './cvs/cv.repository';
import { CvsController } from './cvs/cvs.controller';
import { PgCvRepository } from './cvs/pg-cv.repository';
import { EraseCandidateUseCase } from './erasure/erase-candidate.usecase';
import { ErasureConsumers } from './erasure/erasure.consumers';
import { ERASURE_SERVICES, ErasureController } from './erasure/erasure.controller';
import { CandidateCvStore, ErasureLedger } from './erasure/erasure.port';
import { PgCandidateCvStore } from './erasure/pg-candidate-cv-store';
import { PgErasureLedger } from './erasure/pg-erasure-ledger';
import { keyTombstoneProviders } from './erasure/key-tombstones.providers';
import { CvIndex } from './indexing/cv-index.port';
import { CvProfileChangedConsumer } from './indexing/cv-profile-changed.consumer';
import { IndexCvsUseCase } from './indexing/index-cvs.usecase';
import { CV_INTAKE_MIGRATIONS } from './migrations/cv-intake-migrations';
import { notificationAddressProviders } from './notification-address/notification-address.providers';
import { CvProfileModule } from './profile/cv-profile.module';
import { CvProcessingJob } from './processing/cv-processing.job';
import { LibraryCvTextExtractor } from './processing/cv-text-extractor';
import { WorkerCvTextExtractor } from './processing/worker-cv-text-extractor';
import { CvTextExtractor, ProcessCvsUseCase } from './processing/process-cvs.usecase';
import { PgRecruiterAccounts } from './recruiters/pg-recruiter-accounts';
import { RecruiterAccountChangedConsumer } from './recruiters/recruiter-account-changed.consumer';
import { RecruiterAccounts } from './recruiters/recruiter-accounts.port';
import { CvRetentionController } from './retention/cv-retention.controller';
import { retentionProviders } from './retention/retention.providers';
import { viewSummaryProviders } from './view-summary/view-summary.providers';
import { RECRUITER_QUOTAS, RecruiterAuthGuard, RecruiterQuotas } from './recruiters/recruiter-auth.guard';
import { CvIndexModule } from './search/cv-index.module';
import { SuggestedAlertModule } from './suggestion/suggested-alert.module';
import { FileStorage } from './storage/file-storage.port';
import { FilesystemFileStorage } from './storage/filesystem-file-storage';
import { MultipartCvInterceptor } from './upload/multipart-cv.interceptor';
import { UPLOAD_LIMITS, UploadCvUseCase, UploadLimits } from './upload/upload-cv.usecase';
import { DEFAULT_ZIP_LIMITS } from './upload/zip-inspection';

@Module({})
export class CvIntakeModule {
  static register(config: CvIntakeConfig, logger: Logger): DynamicModule {
    const limits: UploadLimits = {
      maxBytes: config.CV_MAX_BYTES,
      zip: {
        ...DEFAULT_ZIP_LIMITS,
        maxEntries: config.CV_ZIP_MAX_ENTRIES,
        maxUncompressedBytes: config.CV_ZIP_MAX_UNCOMPRESSED_BYTES,
      },
    };
    return {
      module: CvIntakeModule,
      imports: [
        // Opening a CV is the hottest route (2,000/s targeted) and each is recorded as a view event
        // with its correlation id: no per-request logger nor access line for it.
        CoreModule.forRoot(logger, [{ path: 'v1/cv-search/:cvId', method: RequestMethod.GET }]),
        DatabaseModule.forRoot(databaseSettingsFromEnv(config, SERVICE_NAME, CV_INTAKE_MIGRATIONS)),
        MessagingModule.forRoot({
          kafka: kafkaSettingsFromEnv(config, SERVICE_NAME),
          consumer: consumerSettingsFromEnv(config),
          logger,
          faults: new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV),
          produces: [
            TOPICS.cvProfileChanged,
            TOPICS.cvViewed,
            TOPICS.erasureRequested,
            TOPICS.erasureConfirmed,
            TOPICS.cvRetentionWarningCreated,
            TOPICS.cvContactRequestCreated,
            TOPICS.candidateNotificationAddressChanged,
            TOPICS.cvViewSummaryCreated,
          ],
          consumes: [
            TOPICS.cvProfileChanged,
            TOPICS.recruiterAccountChanged,
            TOPICS.cvViewed,
            TOPICS.erasureRequested,
            TOPICS.erasureConfirmed,
          ],
          classifiers: [
            searchErrorClassifier,
            (e) => (isTransientDatabaseError(e) ? 'transient' : undefined),
          ],
          outbox: outboxSettingsFromEnv(config),
        }),
        CvIndexModule.forRoot({
          url: config.SEARCH_URL,
          username: config.SEARCH_USERNAME,
          password: config.SEARCH_PASSWORD,
          indexPrefix: config.SEARCH_INDEX_PREFIX,
          replicas: config.SEARCH_REPLICAS,
          logger,
        }),
        CvProfileModule.register(config.CANDIDATE_TOKEN_SECRET),
        SuggestedAlertModule.register({
          candidateTokenSecret: config.CANDIDATE_TOKEN_SECRET,
          alertMatcherUrl: config.ALERT_MATCHER_URL,
        }),
      ],
      controllers: [
        CvsController,
        CvSearchController,
        RecruiterCvController,
        CandidateCvViewsController,
        CvProfileChangedConsumer,
        RecruiterAccountChangedConsumer,
        CvViewedConsumer,
        ErasureController,
        ErasureConsumers,
        CvRetentionController,
        RecruiterContactController,
        CandidateContactController,
      ],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: config.CANDIDATE_TOKEN_SECRET },
        { provide: Clock, useClass: SystemClock },
        { provide: CvRepository, useClass: PgCvRepository },
        { provide: RecruiterAccounts, useClass: PgRecruiterAccounts },
        {
          provide: RECRUITER_QUOTAS,
          useFactory: (clock: Clock): RecruiterQuotas => ({
            search: new MemoryTokenBucketRateLimiter(
              {
                burst: config.CV_SEARCH_PER_MINUTE,
                perMinute: config.CV_SEARCH_PER_MINUTE,
                maxKeys: 100_000,
              },
              clock,
            ),
            views: new MemoryTokenBucketRateLimiter(
              { burst: config.CV_VIEWS_PER_MINUTE, perMinute: config.CV_VIEWS_PER_MINUTE, maxKeys: 100_000 },
              clock,
            ),
          }),
          inject: [Clock],
        },
        RecruiterAuthGuard,
        { provide: ERASURE_SERVICES, useValue: config.ERASURE_CONFIRMING_SERVICES },
        { provide: ErasureLedger, useClass: PgErasureLedger },
        { provide: CandidateCvStore, useClass: PgCandidateCvStore },
        {
          provide: EraseCandidateUseCase,
          useFactory: (
            cvs: CandidateCvStore,
            index: CvIndex,
            storage: FileStorage,
            cvKeys: SubjectCipher,
            clock: Clock,
          ) => new EraseCandidateUseCase(cvs, index, storage, cvKeys, clock),
          inject: [CandidateCvStore, CvIndex, FileStorage, SubjectCipher, Clock],
        },
        ...keyTombstoneProviders(logger),
        ...retentionProviders(config.CV_RETENTION_INTERVAL_MS, logger),
        ...contactProviders,
        ...notificationAddressProviders,
        ...viewSummaryProviders(config.CV_VIEW_SUMMARY_INTERVAL_MS, logger),
        {
          provide: RecruiterCvReader,
          useFactory: (dataSource: DataSource, clock: Clock) =>
            config.CV_VIEW_CACHE_MS > 0
              ? new CachedRecruiterCvReader(
                  new PgRecruiterCvReader(dataSource),
                  clock,
                  config.CV_VIEW_CACHE_MS,
                )
              : new PgRecruiterCvReader(dataSource),
          inject: [DataSource, Clock],
        },
        { provide: CvViewLedger, useClass: PgCvViewLedger },
        {
          provide: CvViewPublisher,
          useFactory: (publisher: EventPublisher) => new BatchingCvViewPublisher(publisher),
          inject: [EventPublisher],
        },
        {
          provide: OpenCvUseCase,
          useFactory: (
            reader: RecruiterCvReader,
            views: CvViewPublisher,
            cvKeys: SubjectCipher,
            clock: Clock,
          ) => new OpenCvUseCase(reader, views, cvKeys, clock),
          inject: [RecruiterCvReader, CvViewPublisher, SubjectCipher, Clock],
        },
        {
          // Each CV's key (cv_keys, in cv-intake's schema: the views are produced and read here).
          provide: SubjectCipher,
          useFactory: (dataSource: DataSource, clock: Clock) =>
            pgSubjectCipher(dataSource, 'cv_keys', config, clock),
          inject: [DataSource, Clock],
        },
        // Each candidate's key (shared with alert-delivery, which opens the CV e-mail events).
        ...sharedSubjectKeyProviders(config, CANDIDATE_CIPHER),
        CandidateSealer,
        {
          provide: RecordCvViewsUseCase,
          useFactory: (cvKeys: SubjectCipher, ledger: CvViewLedger) =>
            new RecordCvViewsUseCase(cvKeys, ledger),
          inject: [SubjectCipher, CvViewLedger],
        },
        { provide: CommuneDirectory, useFactory: () => new GazetteerCommuneDirectory(loadGazetteer()) },
        SearchCvsUseCase,
        {
          provide: IndexCvsUseCase,
          useFactory: (index: CvIndex, clock: Clock) => new IndexCvsUseCase(index, clock),
          inject: [CvIndex, Clock],
        },
        { provide: FileStorage, useValue: new FilesystemFileStorage(config.CV_STORAGE_DIR) },
        { provide: UPLOAD_LIMITS, useValue: limits },
        MultipartCvInterceptor,
        {
          provide: UploadCvUseCase,
          useFactory: (cvs: CvRepository, storage: FileStorage) => new UploadCvUseCase(cvs, storage, limits),
          inject: [CvRepository, FileStorage],
        },
        {
          provide: CvTextExtractor,
          useFactory: () =>
            config.CV_PARSE_WORKERS === 0
              ? new LibraryCvTextExtractor(limits.zip)
              : new WorkerCvTextExtractor(
                  {
                    workers: config.CV_PARSE_WORKERS,
                    heapMb: config.CV_PARSE_WORKER_HEAP_MB,
                    timeoutMs: config.CV_PARSE_TIMEOUT_MS,
                    zip: limits.zip,
                  },
                  logger,
                ),
        },
        {
          provide: ProcessCvsUseCase,
          useFactory: (
            cvs: CvRepository,
            storage: FileStorage,
            extractor: CvTextExtractor,
            clock: Clock,
            communes: CommuneDirectory,
          ) =>
            new ProcessCvsUseCase(
              cvs,
              storage,
              extractor,
              clock,
              {
                batchSize: 4,
                leaseMs: config.CV_PARSE_TIMEOUT_MS * 2,
                maxAttempts: 3,
                timeoutMs: config.CV_PARSE_TIMEOUT_MS,
                zip: limits.zip,
              },
              logger.child({ component: 'cv-processing' }),
              communes,
            ),
          inject: [CvRepository, FileStorage, CvTextExtractor, Clock, CommuneDirectory],
        },
        {
          provide: CvProcessingJob,
          useFactory: (processCvs: ProcessCvsUseCase) =>
            new CvProcessingJob(
              processCvs,
              config.CV_PROCESSING_INTERVAL_MS,
              logger.child({ component: 'cv-processing' }),
            ),
          inject: [ProcessCvsUseCase],
        },
      ],
    };
  }
}
