/**
 * Port: the tombstones the erasures leave in the shared candidates' key table (the SHA-256 of
 * each erased candidate, refusing a key to a first use that races or follows the erasure).
 */
export abstract class KeyTombstones {
  /** Deletes those written before `erasedBefore`; returns how many. */
  abstract pruneBefore(erasedBefore: Date): Promise<number>;
}
