import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ReconciliationSchedule } from './reconciliation-schedule';

/** Paces the scheduled reconciliation on every replica; the advisory lock lets one of them run it. */
export class ReconciliationJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(schedule: ReconciliationSchedule, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'reconcile-index',
      // The schedule decides what is due; the tick only has to be fine enough to honour it.
      intervalMs: Math.min(intervalMs, 30_000),
      logger,
      run: () => schedule.tick(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.close();
  }
}
