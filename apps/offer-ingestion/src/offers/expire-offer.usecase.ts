import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@vigie/database';
import { Clock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { AppError } from '@vigie/platform';
import { AccessAudit } from '../recruiters/access-audit.port';
import { offerChangedEvent } from './offer-events';
import { OfferRepository } from './offer.repository';

/**
 * Ends one offer before its time (filled, withdrawn by the ATS): status `expired`, version + 1 and
 * an offers.offer.changed.v2 event in one transaction, like age expiry, so search and alerts drop
 * it. Idempotent: an offer that is not active changes nothing and announces nothing. Another
 * recruiter's offer is a 404, recorded in the access audit.
 */
@Injectable()
export class ExpireOfferUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  async execute(recruiterId: string, offerId: string): Promise<void> {
    const now = this.clock.now();
    const found = await this.unitOfWork.run(async (tx) => {
      const { change, found } = await this.offers.markExpired(tx, recruiterId, offerId, now);
      if (change) await this.outbox.append(tx.manager, [offerChangedEvent(recruiterId, change)]);
      return found;
    });
    if (!found) {
      await this.audit.recordDenied({
        recruiterId,
        action: 'offer.expire',
        resourceType: 'offer',
        resourceId: offerId,
      });
      throw AppError.notFound('offer');
    }
  }
}
