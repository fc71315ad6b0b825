import type { Transaction } from '@vigie/database';
import type { OfferFingerprint } from './offer-fingerprint';

/** An offer already clustered: its cluster and what it is compared on. */
export interface ClusterMember {
  offerId: string;
  clusterId: string;
  fingerprint: OfferFingerprint;
}

/**
 * Port: the offers already clustered, found by LSH band. Implementations answer a whole batch in
 * one call (one round trip for Postgres) and store a batch's new members in one call.
 */
export abstract class ClusterIndex {
  /** Members sharing a band key with the batch, and the batch's own offers already clustered. */
  abstract candidates(
    tx: Transaction | null,
    bandKeys: readonly number[],
    offerIds: readonly string[],
  ): Promise<ClusterMember[]>;
  /** Adds members, or replaces the fingerprint of members already there (keeping their cluster). */
  abstract save(tx: Transaction | null, members: readonly ClusterMember[]): Promise<void>;
}
