import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { FetchDueFeedsUseCase } from './fetch-due-feeds.usecase';

/**
 * The due-time loop: every replica looks for due feeds every interval; the lease in Postgres
 * decides which replica fetches which feed. At shutdown the run in progress finishes the feeds in
 * hand and claims no more.
 */
export class FeedSchedulerJob extends ScheduledJob {
  constructor(fetchDueFeeds: FetchDueFeedsUseCase, intervalMs: number, logger: Logger) {
    super({ name: 'feed-scheduler', intervalMs, logger, run: (stop) => fetchDueFeeds.execute(stop) });
  }
}
