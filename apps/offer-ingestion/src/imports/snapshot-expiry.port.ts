import type { Transaction } from '@vigie/database';
import type { OfferChange } from '../offers/offer.repository';

/**
 * Port: the recruiter's live offers that a snapshot import's feed did not name (no report row
 * of the job carries their external reference, whatever the row's outcome: an offer the feed
 * names but whose new version was rejected stays live).
 */
export abstract class SnapshotExpiry {
  abstract countLive(recruiterId: string): Promise<number>;
  abstract countAbsent(recruiterId: string, jobId: string): Promise<number>;
  /** Expires up to `limit` absent offers (status expired, version + 1) and returns them. */
  abstract expireAbsent(
    tx: Transaction,
    recruiterId: string,
    jobId: string,
    limit: number,
    now: Date,
  ): Promise<OfferChange[]>;
}
