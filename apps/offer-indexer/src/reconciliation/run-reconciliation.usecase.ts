import { Clock } from '@vigie/kernel';
import type { Logger } from 'pino';
import { RunLock } from '../operations/run-lock.port';
import { ReconcileMetrics } from './reconcile-metrics';
import { DriftReport, ReconcileIndexUseCase, ReconcileSettings } from './reconcile-index.usecase';

export interface ReconciliationRunSettings extends ReconcileSettings {
  /** false: report drift only. */
  repair: boolean;
  /** The advisory lock's name: one per index (prefix included), shared by every instance. */
  lockName: string;
}

export type ReconciliationRun =
  | { status: 'completed'; report: DriftReport; durationMs: number }
  | { status: 'skipped_locked' };

/**
 * One reconciliation, whoever asks (the schedule, the command): under the cross-instance lock,
 * timed, reported as metrics and one log line. A failure is counted and rethrown to the caller.
 */
export class RunReconciliationUseCase {
  constructor(
    private readonly reconcile: ReconcileIndexUseCase,
    private readonly lock: RunLock,
    private readonly metrics: ReconcileMetrics,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'info' | 'warn'>,
  ) {}

  async execute(settings: ReconciliationRunSettings): Promise<ReconciliationRun> {
    const { repair, lockName, ...reconcile } = settings;
    let outcome;
    try {
      outcome = await this.lock.runExclusive(lockName, async () => {
        const started = this.clock.nowMs();
        const report = await this.reconcile.execute(reconcile, { repair });
        return { report, durationMs: this.clock.nowMs() - started };
      });
    } catch (e) {
      this.metrics.notRun('failed');
      throw e;
    }
    if (!outcome.ran) {
      this.metrics.notRun('skipped_locked');
      this.logger.info({ lock: lockName }, 'reconciliation already running elsewhere; skipped');
      return { status: 'skipped_locked' };
    }
    const { report, durationMs } = outcome.value;
    this.metrics.completed(report, this.clock.nowMs(), durationMs);
    const drifted = Object.values(report.drift).some((n) => n > 0);
    (drifted ? this.logger.warn : this.logger.info).call(
      this.logger,
      { ...report, durationMs, repair },
      drifted ? 'offer index drifted from the database' : 'offer index in step with the database',
    );
    return { status: 'completed', report, durationMs };
  }
}
