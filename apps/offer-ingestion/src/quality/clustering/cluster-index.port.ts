import type { Transaction } from '@vigie/database';
import type { OfferFingerprint } from './offer-fingerprint';

/** An offer already clustered: its cluster and what it is compared on. */
export interface ClusterMember {
  offerId: string;
  clusterId: string;
  fingerprint: OfferFingerprint;
}

/** An offer of the batch: its key and its band keys. */
export interface ProbedOffer {
  offerId: string;
  bandKeys: Int32Array;
}

/**
 * Port: the offers already clustered, found by LSH band. Implementations answer a whole batch in
 * one call (one round trip for Postgres) and store a batch's new members in one call.
 */
export abstract class ClusterIndex {
  /**
   * The batch's own offers already clustered, and the members sharing a band key with the batch's
   * offers not clustered yet. An offer already clustered keeps its cluster, so its bands need no
   * probe: a re-imported feed reads its members by key only.
   */
  abstract candidates(tx: Transaction | null, offers: readonly ProbedOffer[]): Promise<ClusterMember[]>;
  /** Adds members, or replaces the fingerprint of members already there (keeping their cluster). */
  abstract save(tx: Transaction | null, members: readonly ClusterMember[]): Promise<void>;
}
