import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { SummariseCvViewsUseCase } from './summarise-cv-views.usecase';

/** Runs the weekly views summaries on every replica; the week's marker makes one of them compute it. */
export class CvViewSummaryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(summarise: SummariseCvViewsUseCase, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'cv-view-summary',
      intervalMs,
      logger,
      run: async () => {
        const round = await summarise.execute();
        if (round.computed !== null || round.announced > 0)
          logger.info({ job: 'cv-view-summary', ...round }, 'cv view summaries');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.close();
  }
}
