/** How long offers live and how the expiry job works through them. */
export interface ExpiryPolicy {
  /** An offer expires this long after its publication, if its validThrough has not ended it before. */
  maxAgeMs: number;
  /** Offers expired per transaction. */
  batchSize: number;
}

export const EXPIRY_POLICY = Symbol('EXPIRY_POLICY');
