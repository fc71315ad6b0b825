import { Transaction } from '@vigie/database';
import { OfferChange } from '../offers/offer.repository';

export interface ExpiryCutoffs {
  /** Offers whose validThrough is at or before this instant are over. */
  now: Date;
  /** Offers published at or before this instant are past the maximum age. */
  publishedBefore: Date;
  limit: number;
}

export interface ExpiredOffer {
  recruiterId: string;
  change: OfferChange;
}

/** Port: finds active offers that are due to expire and marks them expired. */
export abstract class ExpiringOffers {
  /**
   * Marks up to `limit` due offers expired inside the transaction. Rows another transaction holds
   * are skipped (they are taken by a later round), so replicas share the work without waiting.
   */
  abstract expireDue(tx: Transaction, cutoffs: ExpiryCutoffs): Promise<ExpiredOffer[]>;
}
