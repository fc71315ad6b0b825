import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ProcessCvsUseCase } from './process-cvs.usecase';

/** Runs CV processing in the background on every replica; leases and SKIP LOCKED share the queue. */
export class CvProcessingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(processCvs: ProcessCvsUseCase, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'cv-processing',
      intervalMs,
      logger,
      // Drain while there is work, then pause.
      run: async () => {
        while ((await processCvs.execute()) > 0) {
          /* next batch */
        }
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
