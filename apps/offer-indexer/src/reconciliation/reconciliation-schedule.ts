import { Clock } from '@vigie/kernel';
import { errorMessage } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ReconciliationRunSettings, RunReconciliationUseCase } from './run-reconciliation.usecase';

/**
 * Decides when the scheduled reconciliation is due: one interval after start-up (a starting
 * indexer has a backlog to drain first, which would be reported as drift), then one interval after
 * the end of each attempt. A failed run is logged and counted, and waits a whole interval too: a
 * scan of the whole index is not something to retry in a tight loop.
 */
export class ReconciliationSchedule {
  private nextDueMs: number;

  constructor(
    private readonly run: RunReconciliationUseCase,
    private readonly settings: ReconciliationRunSettings,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    this.nextDueMs = clock.nowMs() + intervalMs;
  }

  /** Called often (every tick of a PeriodicJob); runs only when due. */
  async tick(): Promise<void> {
    if (this.clock.nowMs() < this.nextDueMs) return;
    try {
      await this.run.execute(this.settings);
    } catch (e) {
      this.logger.warn({ err: errorMessage(e) }, 'scheduled reconciliation failed');
    } finally {
      this.nextDueMs = this.clock.nowMs() + this.intervalMs;
    }
  }
}
