import type { Provider } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import type { Logger } from 'pino';
import { CvIndex } from '../indexing/cv-index.port';
import { FileStorage } from '../storage/file-storage.port';
import { ApplyCvRetentionUseCase } from './apply-cv-retention.usecase';
import { CandidateRetentionUseCase } from './candidate-retention.usecase';
import { CvRetentionJob } from './cv-retention.job';
import { CvRetentionStore } from './cv-retention.port';
import { PgCvRetentionStore } from './pg-cv-retention-store';

/** The retention of CVs: the module lists these and CvRetentionController. */
export function retentionProviders(intervalMs: number, logger: Logger): Provider[] {
  return [
    { provide: CvRetentionStore, useClass: PgCvRetentionStore },
    {
      provide: ApplyCvRetentionUseCase,
      useFactory: (store: CvRetentionStore, index: CvIndex, storage: FileStorage, clock: Clock) =>
        new ApplyCvRetentionUseCase(store, index, storage, clock),
      inject: [CvRetentionStore, CvIndex, FileStorage, Clock],
    },
    {
      provide: CandidateRetentionUseCase,
      useFactory: (store: CvRetentionStore, clock: Clock) => new CandidateRetentionUseCase(store, clock),
      inject: [CvRetentionStore, Clock],
    },
    {
      provide: CvRetentionJob,
      useFactory: (retention: ApplyCvRetentionUseCase) =>
        new CvRetentionJob(retention, intervalMs, logger.child({ component: 'cv-retention' })),
      inject: [ApplyCvRetentionUseCase],
    },
  ];
}
