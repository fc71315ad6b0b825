import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { RunImportsUseCase } from './run-imports.usecase';

/**
 * The import worker loop: every replica looks for queued (or abandoned) import jobs every
 * interval; the lease in Postgres decides which replica runs which job. At shutdown the run in
 * progress finishes the jobs in hand and claims no more.
 */
export class ImportWorkerJob extends ScheduledJob {
  constructor(runImports: RunImportsUseCase, intervalMs: number, logger: Logger) {
    super({ name: 'import-worker', intervalMs, logger, run: (stop) => runImports.execute(stop) });
  }
}
