import type { SentOffersResponse } from '@vigie/contracts';

export type SentOfferRow = SentOffersResponse['offers'][number];

/** Port: what the alert's e-mails showed, newest first (the manage page's « last offers sent »). */
export abstract class SentOffersQuery {
  abstract lastSent(alertId: string, limit: number): Promise<SentOfferRow[]>;
}
