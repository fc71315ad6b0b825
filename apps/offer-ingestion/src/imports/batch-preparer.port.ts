import type { PreparedBatch } from '../offers/prepare-batch';

/**
 * Prepares an import batch (validation, canonical offers, screening, fingerprints, hash parts) while
 * the previous one commits. In the service it runs on a worker thread, so that CPU work uses the
 * second core; in process for the unit and int tests and a single-thread deployment.
 */
export abstract class BatchPreparer {
  abstract prepare(recruiterId: string, items: readonly unknown[]): Promise<PreparedBatch>;
}
