import type { FeedParseLimits } from './formats/feed-format';

export interface ImportSettings {
  /** Largest feed accepted, in bytes once decompressed. */
  maxBytes: number;
  /** Items per transaction (offers, outbox events, report rows and checkpoint together). */
  batchSize: number;
  /**
   * A batch also closes once it spans this many bytes of the (decompressed) feed, so a feed of
   * large records holds a few MiB per batch in memory rather than `batchSize` times the largest.
   */
  batchMaxBytes: number;
  /** How long a claimed job stays this worker's without a committed batch. */
  leaseMs: number;
  /** Jobs one replica runs at once. */
  concurrency: number;
  /** Snapshot expiry waits for confirmation beyond this share of the live offers. */
  maxExpiryShare: number;
  /** Offers expired per transaction by a snapshot. */
  expiryBatchSize: number;
  parseLimits: FeedParseLimits;
}

export const IMPORT_SETTINGS = Symbol('IMPORT_SETTINGS');
export const IMPORT_LOGGER = Symbol('IMPORT_LOGGER');
