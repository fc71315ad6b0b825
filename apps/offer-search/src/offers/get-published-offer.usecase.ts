import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@vigie/kernel';
import { OfferSearchIndex, type PublishedOffer } from '../search/offer-search-index.port';

export const PUBLIC_BASE_URL = Symbol('PUBLIC_BASE_URL');

export interface OfferPage extends PublishedOffer {
  /** Stable public address of the offer on the job board (its id never changes). */
  url: string;
}

export class OfferNotFoundError extends DomainError<'OFFER_NOT_FOUND'> {
  constructor() {
    super('OFFER_NOT_FOUND', 'offer not found');
    this.name = 'OfferNotFoundError';
  }
}

const OFFER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page of a live offer; withdrawn, expired or unknown ones are all « not found ». */
@Injectable()
export class GetPublishedOfferUseCase {
  constructor(
    private readonly index: OfferSearchIndex,
    private readonly clock: Clock,
    @Inject(PUBLIC_BASE_URL) private readonly baseUrl: string,
  ) {}

  async execute(offerId: string): Promise<OfferPage> {
    if (!OFFER_ID.test(offerId)) throw new OfferNotFoundError();
    const offer = await this.index.findLive(offerId.toLowerCase(), this.clock.now());
    if (!offer) throw new OfferNotFoundError();
    return { ...offer, url: `${this.baseUrl.replace(/\/+$/, '')}/offres/${offer.offerId}` };
  }
}
