import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@vigie/database';
import { OutboxWriter } from '@vigie/messaging';
import { AppError } from '@vigie/platform';
import { offerChangedEvent } from './offer-events';
import { OfferRepository } from './offer.repository';

/** Withdraws an offer. Another recruiter's offer is indistinguishable from a missing one (404). */
@Injectable()
export class DeleteOfferUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(recruiterId: string, offerId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const { change, found } = await this.offers.markDeleted(tx, recruiterId, offerId);
      if (!found) throw AppError.notFound('offer');
      // Deleting twice is fine: the second call finds nothing active and announces nothing.
      if (change) await this.outbox.append(tx.manager, [offerChangedEvent(recruiterId, change)]);
    });
  }
}
