import { OfferIndex } from '../indexing/offer-index.port';

/**
 * Port: the generations of the offers index behind the read alias, as a reindex handles them.
 * Readers only ever see the read alias; writers also write to whatever the backfill alias names.
 */
export abstract class IndexGenerations {
  /** The index the read alias points at, or null when there is none (or several: not safe to rebuild). */
  abstract current(): Promise<string | null>;
  /**
   * Whether an index holds the current generation (the mapping this code writes): an index of an
   * older one is rebuilt through a reindex when an indexer of a newer generation starts.
   */
  abstract isCurrentGeneration(index: string): boolean;
  /** Indices in the backfill alias: a reindex in progress, or one that died before its swap. */
  abstract inBackfill(): Promise<string[]>;
  /**
   * Creates the next index with the current mapping, tuned for a bulk load (no refresh, no
   * replica), and adds it to the backfill alias: from then on every write also goes there.
   */
  abstract createNext(): Promise<string>;
  /** An index port writing to this index alone, with external versions (the backfill's writer). */
  abstract writerFor(index: string): OfferIndex;
  /** The usual refresh interval and replicas back, then a refresh: searchable as a whole. */
  abstract seal(index: string): Promise<void>;
  /** One atomic alias update: the read alias moves from `from` to `to`, `to` leaves the backfill alias. */
  abstract swap(from: string, to: string): Promise<void>;
  /** Deletes a generation nobody reads any more. */
  abstract drop(index: string): Promise<void>;
  /** Takes an index out of the backfill alias and deletes it (an aborted reindex). */
  abstract abandon(index: string): Promise<void>;
}
