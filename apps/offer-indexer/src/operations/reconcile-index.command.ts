import { loadConfig } from '@vigie/config';
import { MetricsRegistry } from '@vigie/observability';
import { OFFER_INDEXER_ENV } from '../config';
import { ReconcileIndexUseCase } from '../reconciliation/reconcile-index.usecase';
import { ReconcileMetrics } from '../reconciliation/reconcile-metrics';
import { reconciliationRunSettings } from '../reconciliation/reconciliation.providers';
import { RunReconciliationUseCase } from '../reconciliation/run-reconciliation.usecase';
import { openIndexerResources } from './indexer-resources';
import { PgAdvisoryRunLock } from './pg-advisory-run-lock';

export const RECONCILE_USAGE = `usage: npm run reconcile:index -- [--dry-run] [--grace-ms=<ms>]
  Compares offer-ingestion's offers table with the offers index (ids and versions) and repairs the
  drift (missing and stale offers written again and announced, orphans removed). Configured like
  offer-indexer (DATABASE_URL, OFFER_SOURCE_SCHEMA, SEARCH_URL, SEARCH_INDEX_PREFIX, KAFKA_BROKERS...).
  --dry-run      report only
  --grace-ms=N   skip offers changed less than N ms ago (default RECONCILE_GRACE_MS)
exit status: 0 done, 2 another reconciliation holds the lock, 1 error`;

/**
 * `npm run reconcile:index`: one run of the same use case the schedule runs, under the same lock,
 * and a report on stdout. Returns the exit status.
 */
export async function reconcileIndexCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const grace = argv.find((a) => a.startsWith('--grace-ms='));
  const unknown = argv.filter((a) => a !== '--dry-run' && a !== grace);
  const graceMs = grace === undefined ? undefined : Number(grace.slice('--grace-ms='.length));
  if (unknown.length > 0 || (graceMs !== undefined && !(Number.isInteger(graceMs) && graceMs >= 0))) {
    print(RECONCILE_USAGE);
    return 1;
  }
  const config = loadConfig(OFFER_INDEXER_ENV, env);
  const resources = await openIndexerResources(config);
  try {
    const { source, index, indexOffers, clock, dataSource, logger } = resources;
    const run = new RunReconciliationUseCase(
      new ReconcileIndexUseCase(source, index, indexOffers, clock),
      new PgAdvisoryRunLock(dataSource),
      // Only the schedule's metrics are scraped; this registry lives as long as the command.
      new ReconcileMetrics(new MetricsRegistry()),
      clock,
      logger,
    );
    const settings = reconciliationRunSettings(config);
    const outcome = await run.execute({
      ...settings,
      repair: !dryRun,
      graceMs: graceMs ?? settings.graceMs,
    });
    if (outcome.status === 'skipped_locked') {
      print('another reconciliation of this index is running (advisory lock held); nothing done');
      return 2;
    }
    const { report, durationMs } = outcome;
    const { missing, stale, ahead, orphan } = report.drift;
    print(
      `reconcile:index ${config.SEARCH_INDEX_PREFIX}offers against ${config.OFFER_SOURCE_SCHEMA}.offers` +
        ` in ${(durationMs / 1000).toFixed(1)} s${dryRun ? ' (dry run)' : ''}`,
    );
    print(`  compared ${report.compared}`);
    print(`  missing  ${missing}   (active in the database, absent from the index)`);
    print(`  stale    ${stale}   (older version in the index)`);
    print(`  ahead    ${ahead}   (newer version in the index: reported, never lowered)`);
    print(`  orphan   ${orphan}   (in the index, unknown to the database)`);
    print(`  repaired ${report.repaired}, refused by the index ${report.failed}`);
    print(JSON.stringify({ ...report, durationMs, dryRun }));
    return 0;
  } finally {
    await resources.close();
  }
}
