import type { OfferStatus } from '@vigie/contracts';
import { Transaction } from '@vigie/database';
import { OfferContent } from './canonical-offer';
import type { Finding } from '../quality/screening/finding';
import { NormalizedOffer } from './normalized-offer';

export type { OfferStatus };

/** A row as it stands after a change that must be announced. */
export interface OfferChange {
  offerId: string;
  externalRef: string;
  version: number;
  status: OfferStatus;
  content: OfferContent | null;
  publishedAt: Date;
  changedAt: Date;
  created: boolean;
}

export interface StoredOffer {
  offerId: string;
  recruiterId: string;
  externalRef: string;
  version: number;
  status: OfferStatus;
  content: OfferContent;
  /** What screening reported on the current version (flagged wording, with rule and legal basis). */
  findings: Finding[];
  publishedAt: Date;
  updatedAt: Date;
}

export interface UpsertResult {
  changed: OfferChange[];
  unchanged: Array<{ offerId: string; externalRef: string; version: number }>;
}

/** Port: offers keyed by (recruiter, external reference), versioned by the database. */
export abstract class OfferRepository {
  /** Inserts new offers and updates changed ones; identical re-sends change nothing. */
  abstract upsertMany(
    tx: Transaction,
    recruiterId: string,
    offers: readonly NormalizedOffer[],
  ): Promise<UpsertResult>;
  abstract findById(recruiterId: string, offerId: string): Promise<StoredOffer | null>;
  /** Null when the recruiter has no such offer; the current state when it was already deleted. */
  abstract markDeleted(
    tx: Transaction,
    recruiterId: string,
    offerId: string,
  ): Promise<{ change: OfferChange | null; found: boolean }>;
  /**
   * Expires one active offer (version + 1). `found` false when the recruiter has no such offer;
   * no change when it is already expired or deleted.
   */
  abstract markExpired(
    tx: Transaction,
    recruiterId: string,
    offerId: string,
    now: Date,
  ): Promise<{ change: OfferChange | null; found: boolean }>;
}
