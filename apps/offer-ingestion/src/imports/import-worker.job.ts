import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { RunImportsUseCase } from './run-imports.usecase';

/**
 * The import worker loop: every replica looks for queued (or abandoned) import jobs every
 * interval; the lease in Postgres decides which replica runs which job.
 */
export class ImportWorkerJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(runImports: RunImportsUseCase, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'import-worker',
      intervalMs,
      logger,
      run: () => runImports.execute(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.close();
  }
}
