/**
 * npm run measure:differential — the « same answers as search » differential at a larger size than
 * CI's (apps/alert-matcher/src/matching/search-differential.int-spec.ts): MEASURE_ALERTS generated
 * alerts (default 10,000) against every real offer of ../shared/data, each run as one search with
 * the search API's query over a fresh index with the real mapping, MEASURE_PERCOLATOR_ALERTS
 * (default 1,000) through the percolator too, on MEASURE_SEARCH_URL (default http://127.0.0.1:9201).
 * Prints the counts and every difference; writes bench-results/differential.json; exits 1 on any
 * difference. The machine is shared: times are pessimistic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@vigie/testing/unit';
import { runSearchDifferential } from '../apps/alert-matcher/src/matching/test/search-differential';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;

async function main(): Promise<void> {
  const report = await runSearchDifferential({
    searchUrl: env('MEASURE_SEARCH_URL', 'http://127.0.0.1:9201'),
    indexPrefix: `measure-differential-${process.pid}`,
    alerts: Number(env('MEASURE_ALERTS', '10000')),
    percolatorAlerts: Number(env('MEASURE_PERCOLATOR_ALERTS', '1000')),
    seed: Number(env('MEASURE_SEED', '8')),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const differences = [...report.searchDifferences, ...report.percolatorDifferences];
  for (const d of differences.slice(0, 50)) process.stdout.write(`DIFFERENCE ${JSON.stringify(d)}\n`);
  const figures = {
    offers: report.offers,
    alerts: report.alerts,
    alerts_skipped: report.alertsSkipped,
    alerts_matching: report.alertsMatching,
    engine_matches: report.engineMatches,
    search_matches: report.searchMatches,
    search_differences: report.searchDifferences.length,
    percolator_alerts: report.percolatorAlerts,
    percolator_matches: report.percolatorMatches,
    percolator_differences: report.percolatorDifferences.length,
    engine_s: Number((report.engineMs / 1000).toFixed(2)),
    search_s: Number((report.searchMs / 1000).toFixed(2)),
    percolator_s: Number((report.percolatorMs / 1000).toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  const dir = join(repoRoot(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'differential.json'), `${JSON.stringify(figures, null, 2)}\n`);
  if (differences.length > 0) process.exitCode = 1;
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
