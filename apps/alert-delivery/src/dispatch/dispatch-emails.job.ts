import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { DispatchEmailsUseCase } from './dispatch-emails.usecase';

/**
 * Runs the dispatch in the background on every replica; the e-mail ledger's claims keep two
 * replicas from sending the same e-mail. What is due is decided by the use case on the Clock port.
 */
export class DispatchEmailsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(dispatch: DispatchEmailsUseCase, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'dispatch-emails',
      intervalMs,
      logger,
      run: async () => {
        const outcomes = await dispatch.run();
        const sent = outcomes.filter((o) => o === 'sent' || o === 'resent_after_crash').length;
        if (sent > 0) logger.info({ sent }, 'grouped e-mails sent');
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
