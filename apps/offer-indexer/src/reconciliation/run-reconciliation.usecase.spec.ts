import { FakeClock } from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import { ExclusiveRun, RunLock } from '../operations/run-lock.port';
import { DriftReport, ReconcileIndexUseCase } from './reconcile-index.usecase';
import { ReconcileMetrics } from './reconcile-metrics';
import { ReconciliationSchedule } from './reconciliation-schedule';
import { ReconciliationRunSettings, RunReconciliationUseCase } from './run-reconciliation.usecase';

/** A lock held in memory: `held` makes every run find it taken. */
class InMemoryRunLock extends RunLock {
  held = false;
  readonly names: string[] = [];
  async runExclusive<T>(name: string, run: () => Promise<T>): Promise<ExclusiveRun<T>> {
    this.names.push(name);
    if (this.held) return { ran: false };
    this.held = true;
    try {
      return { ran: true, value: await run() };
    } finally {
      this.held = false;
    }
  }
}

const SETTINGS: ReconciliationRunSettings = {
  pageSize: 100,
  graceMs: 60_000,
  repair: true,
  lockName: 'vigie-reconcile-index:test-offers',
};

function newTestService(report: Partial<DriftReport> = {}) {
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  const registry = new MetricsRegistry();
  const lock = new InMemoryRunLock();
  const full: DriftReport = {
    compared: 10,
    drift: { missing: 2, stale: 1, ahead: 0, orphan: 3 },
    repaired: 6,
    failed: 0,
    ...report,
  };
  const execute = jest.fn(async () => {
    clock.advance(4_500); // the scan takes 4.5 s
    return full;
  });
  const reconcile = { execute } as Pick<ReconcileIndexUseCase, 'execute'> as ReconcileIndexUseCase;
  const logger = { info: jest.fn(), warn: jest.fn() };
  const sut = new RunReconciliationUseCase(reconcile, lock, new ReconcileMetrics(registry), clock, logger);
  const metric = async (line: string) =>
    (await registry.registry.metrics()).split('\n').find((l) => l.startsWith(line));
  return { sut, mocks: { clock, lock, execute, logger, metric } };
}

describe('RunReconciliationUseCase', () => {
  it('runs under the lock and reports the drift, repairs, last run time and duration as metrics', async () => {
    const { sut, mocks } = newTestService();

    const run = await sut.execute(SETTINGS);

    expect(run).toMatchObject({ status: 'completed', durationMs: 4_500 });
    expect(mocks.lock.names).toEqual([SETTINGS.lockName]);
    expect(mocks.execute).toHaveBeenCalledWith({ pageSize: 100, graceMs: 60_000 }, { repair: true });
    expect(await mocks.metric('offer_index_reconcile_checked ')).toBe('offer_index_reconcile_checked 10');
    expect(await mocks.metric('offer_index_reconcile_drift{kind="missing"}')).toMatch(/ 2$/);
    expect(await mocks.metric('offer_index_reconcile_drift{kind="orphan"}')).toMatch(/ 3$/);
    expect(await mocks.metric('offer_index_reconcile_drift_total{kind="stale"}')).toMatch(/ 1$/);
    expect(await mocks.metric('offer_index_reconcile_repaired ')).toMatch(/ 6$/);
    expect(await mocks.metric('offer_index_reconcile_last_run_duration_seconds')).toMatch(/ 4\.5$/);
    expect(await mocks.metric('offer_index_reconcile_last_run_timestamp_seconds')).toBe(
      `offer_index_reconcile_last_run_timestamp_seconds ${Date.parse('2026-12-01T10:00:04.500Z') / 1000}`,
    );
    expect(await mocks.metric('offer_index_reconcile_runs_total{outcome="completed"}')).toMatch(/ 1$/);
    expect(mocks.logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ compared: 10 }),
      'offer index drifted from the database',
    );
  });

  it('does nothing but count the skip when another instance holds the lock', async () => {
    const { sut, mocks } = newTestService();
    mocks.lock.held = true;

    expect(await sut.execute(SETTINGS)).toEqual({ status: 'skipped_locked' });
    expect(mocks.execute).not.toHaveBeenCalled();
    expect(await mocks.metric('offer_index_reconcile_runs_total{outcome="skipped_locked"}')).toMatch(/ 1$/);
    expect(await mocks.metric('offer_index_reconcile_checked ')).toBe('offer_index_reconcile_checked 0');
  });

  it('counts a failed run and rethrows its error', async () => {
    const { sut, mocks } = newTestService();
    mocks.execute.mockRejectedValueOnce(new Error('engine unreachable'));

    await expect(sut.execute(SETTINGS)).rejects.toThrow('engine unreachable');
    expect(await mocks.metric('offer_index_reconcile_runs_total{outcome="failed"}')).toMatch(/ 1$/);
    expect(mocks.lock.held).toBe(false);
  });
});

describe('ReconciliationSchedule', () => {
  it('first runs one interval after start, then one interval after each attempt, failed ones included', async () => {
    const { sut: run, mocks } = newTestService();
    const sut = new ReconciliationSchedule(run, SETTINGS, 60_000, mocks.clock, mocks.logger);

    await sut.tick();
    expect(mocks.execute).not.toHaveBeenCalled();
    mocks.clock.advance(60_000);
    mocks.execute.mockRejectedValueOnce(new Error('engine unreachable'));
    await sut.tick(); // due: fails (logged), the next one waits a whole interval
    expect(mocks.execute).toHaveBeenCalledTimes(1);
    expect(mocks.logger.warn).toHaveBeenCalledWith(
      { err: 'Error: engine unreachable' },
      'scheduled reconciliation failed',
    );
    mocks.clock.advance(59_000);
    await sut.tick();
    expect(mocks.execute).toHaveBeenCalledTimes(1);
    mocks.clock.advance(1_000);
    await sut.tick();
    expect(mocks.execute).toHaveBeenCalledTimes(2);
  });
});
