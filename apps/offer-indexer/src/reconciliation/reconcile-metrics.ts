import { MetricsRegistry } from '@vigie/observability';
import { DRIFT_KINDS, DriftReport } from './reconcile-index.usecase';

export type ReconcileRunOutcome = 'completed' | 'skipped_locked' | 'failed';

/**
 * Drift as Prometheus sees it. Gauges hold the last completed run (what an alert rule compares
 * with zero), counters add up every run (what a rate or an increase reads).
 */
export class ReconcileMetrics {
  private readonly runs;
  private readonly checked;
  private readonly drift;
  private readonly driftTotal;
  private readonly repaired;
  private readonly repairedTotal;
  private readonly failedRepairs;
  private readonly lastRun;
  private readonly lastDuration;

  constructor(metrics: MetricsRegistry) {
    this.runs = metrics.counter(
      'offer_index_reconcile_runs_total',
      'Reconciliation runs of the offer index, by outcome (completed, skipped_locked, failed).',
      ['outcome'],
    );
    this.checked = metrics.gauge(
      'offer_index_reconcile_checked',
      'Offers of the database compared with the index in the last completed run.',
    );
    this.drift = metrics.gauge(
      'offer_index_reconcile_drift',
      'Drift found by the last completed run, by kind (missing, stale, ahead, orphan = extra).',
      ['kind'],
    );
    this.driftTotal = metrics.counter(
      'offer_index_reconcile_drift_total',
      'Drift found by every run, by kind.',
      ['kind'],
    );
    this.repaired = metrics.gauge(
      'offer_index_reconcile_repaired',
      'Offers written again or orphans removed by the last completed run.',
    );
    this.repairedTotal = metrics.counter(
      'offer_index_reconcile_repaired_total',
      'Offers written again or orphans removed by every run.',
    );
    this.failedRepairs = metrics.gauge(
      'offer_index_reconcile_repair_failed',
      'Repairs the index refused in the last completed run.',
    );
    this.lastRun = metrics.gauge(
      'offer_index_reconcile_last_run_timestamp_seconds',
      'When the last completed run ended (Unix time).',
    );
    this.lastDuration = metrics.gauge(
      'offer_index_reconcile_last_run_duration_seconds',
      'How long the last completed run took.',
    );
    // Present from the start at zero, so a rule on a kind never sees "no data".
    for (const kind of DRIFT_KINDS) this.driftTotal.inc({ kind }, 0);
  }

  completed(report: DriftReport, endedAtMs: number, durationMs: number): void {
    this.runs.inc({ outcome: 'completed' });
    this.checked.set(report.compared);
    for (const kind of DRIFT_KINDS) {
      this.drift.set({ kind }, report.drift[kind]);
      this.driftTotal.inc({ kind }, report.drift[kind]);
    }
    this.repaired.set(report.repaired);
    this.repairedTotal.inc(report.repaired);
    this.failedRepairs.set(report.failed);
    this.lastRun.set(endedAtMs / 1000);
    this.lastDuration.set(durationMs / 1000);
  }

  notRun(outcome: Exclude<ReconcileRunOutcome, 'completed'>): void {
    this.runs.inc({ outcome });
  }
}
