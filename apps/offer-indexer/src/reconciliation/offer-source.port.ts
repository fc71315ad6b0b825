import type { OfferChangedV2, OfferStatus } from '@vigie/contracts';

/** One offer as the source of truth holds it: id, version, status, and when it last changed. */
export interface SourceVersion {
  offerId: string;
  version: number;
  status: OfferStatus;
  changedAt: Date;
}

/**
 * Port: the offers database (offer-ingestion's read model), read only. Pages come in offer id
 * order, the order the index is scanned in, so both can be walked side by side.
 */
export abstract class OfferSource {
  abstract versions(afterId: string | null, limit: number): Promise<SourceVersion[]>;
  /** The current state of these offers as offer events, to write them again. */
  abstract snapshots(offerIds: readonly string[]): Promise<OfferChangedV2[]>;
}
