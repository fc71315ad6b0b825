import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { FetchDueFeedsUseCase } from './fetch-due-feeds.usecase';

/**
 * The due-time loop: every replica looks for due feeds every interval; the lease in Postgres
 * decides which replica fetches which feed.
 */
export class FeedSchedulerJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(fetchDueFeeds: FetchDueFeedsUseCase, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'feed-scheduler',
      intervalMs,
      logger,
      run: () => fetchDueFeeds.execute(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.close();
  }
}
