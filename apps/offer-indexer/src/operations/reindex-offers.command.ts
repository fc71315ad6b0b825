import { loadConfig } from '@vigie/config';
import { isDomainError } from '@vigie/kernel';
import { OFFER_INDEXER_ENV } from '../config';
import { ReindexErrorCode, ReindexOffersUseCase } from '../reindex/reindex-offers.usecase';
import { DROP_PREVIOUS_AFTER_MS, reindexLockName } from '../reindex/reindex.providers';
import { OpenSearchIndexGenerations } from '../search/opensearch-index-generations';
import { offerIndexNames } from '../search/opensearch-offer-index';
import { openIndexerResources } from './indexer-resources';
import { PgAdvisoryRunLock } from './pg-advisory-run-lock';

export const REINDEX_USAGE = `usage: npm run reindex:offers -- [--page-size=<n>] [--drop-after-ms=<ms>] [--keep-previous] | --abandon
  Rebuilds the offers index with the current mapping while offer-indexer keeps writing: a new
  generation is created and written to by every indexer (backfill alias), filled from
  offer-ingestion's offers table, caught up, then the offers alias moves to it in one atomic update.
  Configured like offer-indexer (DATABASE_URL, OFFER_SOURCE_SCHEMA, SEARCH_URL, SEARCH_INDEX_PREFIX, ...).
  --page-size=N       offers read and written at a time (default 1000)
  --drop-after-ms=N   keep the previous generation this long after the swap (default 60000)
  --keep-previous     never drop the previous generation (delete it by hand later)
  --abandon           remove what a reindex that died before its swap left in the backfill alias
exit status: 0 done, 2 another reindex is running or one is pending, 1 error`;

const REFUSED: Record<ReindexErrorCode, number> = {
  REINDEX_RUNNING: 2,
  REINDEX_BACKFILL_PENDING: 2,
  REINDEX_NO_CURRENT_INDEX: 1,
};

function numberOption(argv: readonly string[], name: string, fallback: number): number | null {
  const arg = argv.find((a) => a.startsWith(`--${name}=`));
  if (arg === undefined) return fallback;
  const value = Number(arg.slice(name.length + 3));
  return Number.isInteger(value) && value >= 0 ? value : null;
}

/** `npm run reindex:offers`: the reindex use case, wired from offer-indexer's configuration. */
export async function reindexOffersCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<number> {
  const known = /^--(page-size=|drop-after-ms=|keep-previous$|abandon$)/;
  const pageSize = numberOption(argv, 'page-size', 1_000);
  const dropAfterMs = numberOption(argv, 'drop-after-ms', DROP_PREVIOUS_AFTER_MS);
  if (argv.some((a) => !known.test(a)) || pageSize === null || pageSize < 1 || dropAfterMs === null) {
    print(REINDEX_USAGE);
    return 1;
  }
  const config = loadConfig(OFFER_INDEXER_ENV, env);
  const resources = await openIndexerResources(config);
  try {
    const { client, clock, logger, source, index, dataSource } = resources;
    const names = offerIndexNames(config.SEARCH_INDEX_PREFIX);
    const generations = new OpenSearchIndexGenerations(client, names, config.SEARCH_REPLICAS, clock, logger);
    if (argv.includes('--abandon')) {
      const pending = await generations.inBackfill();
      for (const left of pending) await generations.abandon(left);
      print(pending.length === 0 ? 'nothing in the backfill alias' : `abandoned ${pending.join(', ')}`);
      return 0;
    }
    const sut = new ReindexOffersUseCase(
      source,
      generations,
      index,
      new PgAdvisoryRunLock(dataSource),
      clock,
      logger,
    );
    const report = await sut.execute({
      pageSize,
      catchUpGraceMs: config.RECONCILE_GRACE_MS,
      dropAfterMs,
      dropPrevious: !argv.includes('--keep-previous'),
      lockName: reindexLockName(config.SEARCH_INDEX_PREFIX),
    });
    const { backfill, catchUp } = report;
    print(
      `reindex:offers ${names.alias}: ${report.previous} -> ${report.next} in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
    print(
      `  backfill: ${backfill.read} offers read, ${backfill.written} written, ${backfill.alreadyNewer} already newer (live writes), ${backfill.rejected} refused`,
    );
    print(
      `  catch-up: ${catchUp.compared} compared, missing ${catchUp.drift.missing}, stale ${catchUp.drift.stale}, orphan ${catchUp.drift.orphan}, repaired ${catchUp.repaired}`,
    );
    print(`  previous generation ${report.previousDropped ? 'dropped' : 'kept'}: ${report.previous}`);
    print(JSON.stringify(report));
    return 0;
  } catch (e) {
    if (!isDomainError<ReindexErrorCode>(e)) throw e;
    print(`reindex:offers refused (${e.code}): ${e.message}`);
    return REFUSED[e.code];
  } finally {
    await resources.close();
  }
}
