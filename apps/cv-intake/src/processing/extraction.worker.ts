import { parentPort, workerData } from 'node:worker_threads';
import type { CvFormat } from '../cvs/cv';
import { extractCvText } from '../extraction/extract-cv-text';
import type { ZipLimits } from '../upload/zip-inspection';

/** What the service sends a worker: one stored original and its detected format. */
export interface ExtractionRequest {
  bytes: Uint8Array;
  format: CvFormat;
}

/**
 * The extraction worker (`WorkerCvTextExtractor`): pdf.js, mammoth and the ODT reader run here, in
 * a thread with its own heap limit. A refusal is answered with the error's name only (never the
 * document's content).
 */
const zipLimits = workerData as ZipLimits;
parentPort!.on('message', (request: ExtractionRequest) => {
  extractCvText(
    Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength),
    request.format,
    zipLimits,
  ).then(
    (value) => parentPort!.postMessage({ ok: true, value }),
    (e: unknown) => parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.name : 'Error' }),
  );
});
