import { parentPort } from 'node:worker_threads';
import { prepareBatch } from '../offers/prepare-batch';

/** What the service sends the worker: one batch's readable items, as parsed from the feed. */
export interface PrepareRequest {
  recruiterId: string;
  items: readonly unknown[];
}

/**
 * The preparing worker (`WorkerBatchPreparer`): validation, screening and fingerprints of one batch
 * at a time, answered as plain data. A failure is answered with the error's name and message only
 * (no offer content in logs).
 */
parentPort!.on('message', (request: PrepareRequest) => {
  prepareBatch(request.recruiterId, request.items, false).then(
    (value) => parentPort!.postMessage({ ok: true, value }),
    (e: unknown) =>
      parentPort!.postMessage({ ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : 'Error' }),
  );
});
