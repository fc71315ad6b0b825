import { join } from 'node:path';
import type { Logger } from 'pino';
import { CvRecord } from '../cvs/cv';
import { ProcessingOutcome } from '../cvs/cv.repository';
import { ZipLimits } from '../upload/zip-inspection';
import type { ExtractionRequest } from './extraction.worker';
import { CvTextExtractor } from './process-cvs.usecase';
import { WorkerPool } from '@vigie/kernel';

export interface ExtractionWorkerSettings {
  workers: number;
  heapMb: number;
  timeoutMs: number;
  zip: ZipLimits;
  /** The compiled worker script; the one next to this module by default. */
  script?: string;
}

/** A document the worker refused, or whose worker was lost: the use case records `extraction_failed`. */
export class ExtractionFailed extends Error {
  override readonly name = 'ExtractionFailed';
}

/**
 * The real extractors in a pool of worker threads, each with its own heap limit, so a hostile or
 * huge document fails its CV (`extraction_failed` past the heap, `extraction_timeout` past the
 * timeout, the worker then terminated) and the service goes on.
 */
export class WorkerCvTextExtractor extends CvTextExtractor {
  private readonly pool: WorkerPool<ProcessingOutcome>;

  constructor(
    settings: ExtractionWorkerSettings,
    private readonly logger: Logger,
  ) {
    super();
    this.pool = new WorkerPool({
      script: settings.script ?? join(__dirname, 'extraction.worker.js'),
      workerData: settings.zip,
      size: settings.workers,
      heapMb: settings.heapMb,
      timeoutMs: settings.timeoutMs,
    });
  }

  async extract(bytes: Buffer, cv: CvRecord): Promise<ProcessingOutcome> {
    // A copy the worker owns (the original may be a view of a larger buffer).
    const copy = new Uint8Array(bytes);
    const request: ExtractionRequest = { bytes: copy, format: cv.format };
    const result = await this.pool.run(request, [copy.buffer]);
    if (result.kind === 'done') return result.value;
    if (result.reason !== 'error') {
      this.logger.warn(
        { cvId: cv.id, format: cv.format, reason: result.reason, detail: result.detail },
        'cv extraction worker lost (terminated and replaced)',
      );
    }
    if (result.reason === 'timeout') return { state: 'failed', flags: ['extraction_timeout'] };
    throw new ExtractionFailed(result.reason === 'error' ? result.detail : result.reason);
  }

  /**
   * Not tied to Nest's shutdown hooks, which run before the processing job stops: closing first
   * would fail the CV being extracted. Idle workers never hold the process; a CV cut off by a stop
   * is claimed again after its lease, as after a crash.
   */
  close(): Promise<void> {
    return this.pool.close();
  }
}
