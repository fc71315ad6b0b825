import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ProcessCvsUseCase } from './process-cvs.usecase';

/** Runs CV processing in the background on every replica; leases and SKIP LOCKED share the queue. */
export class CvProcessingJob extends ScheduledJob {
  constructor(processCvs: ProcessCvsUseCase, intervalMs: number, logger: Logger) {
    // Drain while there is work, then pause; at shutdown, stop after the batch in hand.
    const run = async (stop: AbortSignal) => {
      while (!stop.aborted && (await processCvs.execute()) > 0) {
        /* next batch */
      }
    };
    super({ name: 'cv-processing', intervalMs, logger, run });
  }
}
