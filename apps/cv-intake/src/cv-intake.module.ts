import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, databaseSettingsFromEnv } from '@vigie/database';
import { Clock, SystemClock } from '@vigie/kernel';
import { CANDIDATE_TOKEN_SECRET, CoreModule } from '@vigie/platform';
import type { Logger } from 'pino';
import { CvIntakeConfig, SERVICE_NAME } from './config';
import { CvRepository } from './cvs/cv.repository';
import { CvsController } from './cvs/cvs.controller';
import { PgCvRepository } from './cvs/pg-cv.repository';
import { CV_INTAKE_MIGRATIONS } from './migrations/cv-intake-migrations';
import { CvProcessingJob } from './processing/cv-processing.job';
import { LibraryCvTextExtractor } from './processing/cv-text-extractor';
import { CvTextExtractor, ProcessCvsUseCase } from './processing/process-cvs.usecase';
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
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(databaseSettingsFromEnv(config, SERVICE_NAME, CV_INTAKE_MIGRATIONS)),
      ],
      controllers: [CvsController],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: config.CANDIDATE_TOKEN_SECRET },
        { provide: Clock, useClass: SystemClock },
        { provide: CvRepository, useClass: PgCvRepository },
        { provide: FileStorage, useValue: new FilesystemFileStorage(config.CV_STORAGE_DIR) },
        { provide: UPLOAD_LIMITS, useValue: limits },
        MultipartCvInterceptor,
        {
          provide: UploadCvUseCase,
          useFactory: (cvs: CvRepository, storage: FileStorage) => new UploadCvUseCase(cvs, storage, limits),
          inject: [CvRepository, FileStorage],
        },
        { provide: CvTextExtractor, useValue: new LibraryCvTextExtractor(limits.zip) },
        {
          provide: ProcessCvsUseCase,
          useFactory: (cvs: CvRepository, storage: FileStorage, extractor: CvTextExtractor, clock: Clock) =>
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
            ),
          inject: [CvRepository, FileStorage, CvTextExtractor, Clock],
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
