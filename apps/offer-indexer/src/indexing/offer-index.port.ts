import { Offer, OfferStatus } from '@vigie/contracts';

/** The canonical offer as the index stores it, with its identity and version. */
export interface OfferDocument extends Offer {
  offerId: string;
  recruiterId: string;
  version: number;
  indexedAt: string;
}

/**
 * What is left of a deleted or expired offer: its identity, version and status. Kept in the index
 * (as a `gone` document) so that no older update can bring the offer back.
 */
export interface GoneDocument {
  offerId: string;
  recruiterId: string;
  version: number;
  status: OfferStatus;
  indexedAt: string;
}

export type IndexOperation =
  | { kind: 'upsert'; offerId: string; version: number; document: OfferDocument }
  | { kind: 'gone'; offerId: string; version: number; document: GoneDocument };

/**
 * Per-operation outcome of a bulk write:
 * - applied: this version is now in the index;
 * - stale: the index already holds this version or a newer one (a replay, or out-of-order delivery);
 * - retry: the engine was overloaded or failing for this item (429/5xx);
 * - rejected: the engine refused the document (mapping error): retrying cannot help.
 */
export type IndexOutcome =
  | { status: 'applied' }
  | { status: 'stale' }
  | { status: 'retry'; reason: string }
  | { status: 'rejected'; reason: string };

/** What the index holds for one offer: the version of its live document and when it was indexed. */
export interface HeldVersion {
  version: number;
  indexedAt: string;
}

/** One document of the index, live or gone, as reconciliation compares it. */
export interface IndexedEntry {
  offerId: string;
  version: number;
  gone: boolean;
}

/** Port: the search index of offers, written with external versions so older never overwrites newer. */
export abstract class OfferIndex {
  abstract ensureIndex(): Promise<void>;
  abstract write(operations: readonly IndexOperation[]): Promise<IndexOutcome[]>;
  /** The live documents the index holds for these offers (absent: none, or deleted). */
  abstract held(offerIds: readonly string[]): Promise<Map<string, HeldVersion>>;
  /** Every document after `afterId`, in offer id order, `limit` at a time (searchable ones: refreshed). */
  abstract entries(afterId: string | null, limit: number): Promise<IndexedEntry[]>;
  /** Removes documents the offers database does not know; returns how many were there. */
  abstract remove(offerIds: readonly string[]): Promise<number>;
}
