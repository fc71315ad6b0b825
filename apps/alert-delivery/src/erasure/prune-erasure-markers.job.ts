import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { PruneErasureMarkersUseCase } from './prune-erasure-markers.usecase';

/** Hourly on every replica (a DELETE by date, idempotent). */
export class PruneErasureMarkersJob extends ScheduledJob {
  constructor(prune: PruneErasureMarkersUseCase, logger: Logger, intervalMs = 3_600_000) {
    const run = async () => {
      const pruned = await prune.execute();
      if (pruned.alerts + pruned.candidates > 0) logger.info({ pruned }, 'erasure markers pruned');
    };
    super({ name: 'prune-erasure-markers', intervalMs, logger, run });
  }
}
