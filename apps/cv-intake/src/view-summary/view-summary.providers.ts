import type { Provider } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import type { Logger } from 'pino';
import { CvViewSummaries } from './cv-view-summaries.port';
import { CvViewSummaryJob } from './cv-view-summary.job';
import { PgCvViewSummaries } from './pg-cv-view-summaries';
import { SummariseCvViewsUseCase } from './summarise-cv-views.usecase';

/** The weekly views summaries (cvs.view-summary.created.v1): the module lists these. */
export function viewSummaryProviders(intervalMs: number, logger: Logger): Provider[] {
  return [
    { provide: CvViewSummaries, useClass: PgCvViewSummaries },
    {
      provide: SummariseCvViewsUseCase,
      useFactory: (summaries: CvViewSummaries, clock: Clock) => new SummariseCvViewsUseCase(summaries, clock),
      inject: [CvViewSummaries, Clock],
    },
    {
      provide: CvViewSummaryJob,
      useFactory: (summarise: SummariseCvViewsUseCase) =>
        new CvViewSummaryJob(summarise, intervalMs, logger.child({ component: 'cv-view-summary' })),
      inject: [SummariseCvViewsUseCase],
    },
  ];
}
