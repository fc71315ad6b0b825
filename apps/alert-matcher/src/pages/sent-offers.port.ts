/** One offer an e-mail of the alert showed, as the delivery ledger recorded it. */
export interface SentOffer {
  offerId: string;
  title: string | null;
  companyName: string | null;
  placeLabel: string | null;
  applyUrl: string | null;
  sentAt: Date;
}

/**
 * Port: the last offers sent for an alert. alert-delivery owns what was sent; the manage page
 * shows it and still works (saying the list is unavailable) when delivery cannot answer.
 */
export abstract class SentOffersReader {
  /** Newest first, at most `limit`; throws when the answer cannot be had. */
  abstract lastSent(alertId: string, limit: number): Promise<SentOffer[]>;
}
