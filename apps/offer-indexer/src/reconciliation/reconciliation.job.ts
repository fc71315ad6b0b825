import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ReconciliationSchedule } from './reconciliation-schedule';

/** Paces the scheduled reconciliation on every replica; the advisory lock lets one of them run it. */
export class ReconciliationJob extends ScheduledJob {
  constructor(schedule: ReconciliationSchedule, intervalMs: number, logger: Logger) {
    super({
      name: 'reconcile-index',
      // The schedule decides what is due; the tick only has to be fine enough to honour it.
      intervalMs: Math.min(intervalMs, 30_000),
      logger,
      run: () => schedule.tick(),
    });
  }
}
