import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@vigie/database';
import { OutboxWriter } from '@vigie/messaging';
import { AppError } from '@vigie/platform';
import { AccessAudit } from '../recruiters/access-audit.port';
import { offerChangedEvent } from './offer-events';
import { OfferRepository } from './offer.repository';

/**
 * Withdraws an offer. Another recruiter's offer is indistinguishable from a missing one (404, no
 * event), and the attempt is recorded in the access audit.
 */
@Injectable()
export class DeleteOfferUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AccessAudit,
  ) {}

  async execute(recruiterId: string, offerId: string): Promise<void> {
    const found = await this.unitOfWork.run(async (tx) => {
      const { change, found } = await this.offers.markDeleted(tx, recruiterId, offerId);
      // Deleting twice is fine: the second call finds nothing active and announces nothing.
      if (change) await this.outbox.append(tx.manager, [offerChangedEvent(recruiterId, change)]);
      return found;
    });
    if (!found) {
      await this.audit.recordDenied({
        recruiterId,
        action: 'offer.delete',
        resourceType: 'offer',
        resourceId: offerId,
      });
      throw AppError.notFound('offer');
    }
  }
}
