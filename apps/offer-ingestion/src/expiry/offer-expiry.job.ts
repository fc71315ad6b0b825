import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ExpireOffersUseCase } from './expire-offers.usecase';

/** Runs the expiry use case in the background on every replica; SKIP LOCKED lets them share it. */
export class OfferExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(expireOffers: ExpireOffersUseCase, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob({
      name: 'offer-expiry',
      intervalMs,
      logger,
      run: async () => {
        const expired = await expireOffers.execute();
        if (expired > 0) logger.info({ expired }, 'offers expired');
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
