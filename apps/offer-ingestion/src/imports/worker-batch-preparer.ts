import { WorkerPool } from '@vigie/kernel';
import { join } from 'node:path';
import type { PreparedBatch } from '../offers/prepare-batch';
import { BatchPreparer } from './batch-preparer.port';
import type { PrepareRequest } from './batch-preparer.worker';
import { ImportError } from './import-errors';

export interface BatchPreparerWorkerSettings {
  /** Old generation of the worker in MiB: one batch in flight, with a wide margin. */
  heapMb: number;
  /** Young generation of the worker in MiB. */
  youngHeapMb: number;
  /** Longest preparation of one batch, counted from the worker's boot; then it is terminated. */
  timeoutMs: number;
  /** The compiled worker script; the one next to this module by default. */
  script?: string;
}

/**
 * Prepares each batch on one worker thread, with its own bounded heap, so screening and fingerprints
 * run on the second core while the service's thread commits the previous batch. One worker is enough:
 * the import loop keeps at most one prepared batch waiting. A worker that crashes, passes its heap or
 * its timeout fails the batch with `IMPORT_PREPARE_FAILED` (the job stops, its committed batches kept)
 * and is replaced before the next batch.
 */
export class WorkerBatchPreparer extends BatchPreparer {
  private readonly pool: WorkerPool<PreparedBatch>;

  constructor(settings: BatchPreparerWorkerSettings) {
    super();
    this.pool = new WorkerPool({
      script: settings.script ?? join(__dirname, 'batch-preparer.worker.js'),
      size: 1,
      heapMb: settings.heapMb,
      youngHeapMb: settings.youngHeapMb,
      timeoutMs: settings.timeoutMs,
    });
  }

  async prepare(recruiterId: string, items: readonly unknown[]): Promise<PreparedBatch> {
    const request: PrepareRequest = { recruiterId, items };
    const result = await this.pool.run(request);
    if (result.kind === 'done') return result.value;
    throw new ImportError(
      'IMPORT_PREPARE_FAILED',
      `preparing a batch of ${items.length} items failed (${result.reason}: ${result.detail})`,
    );
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
