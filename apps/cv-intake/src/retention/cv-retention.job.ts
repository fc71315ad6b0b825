import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ApplyCvRetentionUseCase } from './apply-cv-retention.usecase';

/** Runs the retention on every replica; warnings are recorded once and erasures claimed. */
export class CvRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(retention: ApplyCvRetentionUseCase, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'cv-retention',
      intervalMs,
      logger,
      run: async () => {
        const round = await retention.execute();
        if (round.warned + round.erased > 0)
          logger.info({ job: 'cv-retention', ...round }, 'cv retention round');
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
