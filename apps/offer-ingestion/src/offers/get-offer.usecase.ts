import { Injectable } from '@nestjs/common';
import { AppError } from '@vigie/platform';
import { AccessAudit } from '../recruiters/access-audit.port';
import { OfferRepository, StoredOffer } from './offer.repository';

/** One of the recruiter's offers; anyone else's is a 404, recorded in the access audit. */
@Injectable()
export class GetOfferUseCase {
  constructor(
    private readonly offers: OfferRepository,
    private readonly audit: AccessAudit,
  ) {}

  async execute(recruiterId: string, offerId: string): Promise<StoredOffer> {
    const offer = await this.offers.findById(recruiterId, offerId);
    if (offer) return offer;
    await this.audit.recordDenied({
      recruiterId,
      action: 'offer.read',
      resourceType: 'offer',
      resourceId: offerId,
    });
    throw AppError.notFound('offer');
  }
}
