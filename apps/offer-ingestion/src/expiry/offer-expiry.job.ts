import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ExpireOffersUseCase } from './expire-offers.usecase';

/** Runs the expiry use case in the background on every replica; SKIP LOCKED lets them share it. */
export class OfferExpiryJob extends ScheduledJob {
  constructor(expireOffers: ExpireOffersUseCase, intervalMs: number, logger: Logger) {
    const run = async () => {
      const expired = await expireOffers.execute();
      if (expired > 0) logger.info({ expired }, 'offers expired');
    };
    super({ name: 'offer-expiry', intervalMs, logger, run });
  }
}
