import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { PruneKeyTombstonesUseCase } from './prune-key-tombstones.usecase';

/** Hourly on every replica (a DELETE by date, idempotent). */
export class PruneKeyTombstonesJob extends ScheduledJob {
  constructor(prune: PruneKeyTombstonesUseCase, logger: Logger, intervalMs = 3_600_000) {
    const run = async () => {
      const { pruned } = await prune.execute();
      if (pruned > 0) logger.info({ pruned }, 'erased candidates’ key tombstones pruned');
    };
    super({ name: 'prune-key-tombstones', intervalMs, logger, run });
  }
}
