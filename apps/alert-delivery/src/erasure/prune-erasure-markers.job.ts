import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { PruneErasureMarkersUseCase } from './prune-erasure-markers.usecase';

/** Hourly on every replica (a DELETE by date, idempotent). */
export class PruneErasureMarkersJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(prune: PruneErasureMarkersUseCase, logger: Logger, intervalMs = 3_600_000) {
    this.job = new PeriodicJob({
      name: 'prune-erasure-markers',
      intervalMs,
      logger,
      run: async () => {
        const pruned = await prune.execute();
        if (pruned.alerts + pruned.candidates > 0) logger.info({ pruned }, 'erasure markers pruned');
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
