/**
 * npm run measure:relevance — indexes the real France Travail offers of ../shared/data into a fresh
 * index with the platform's mapping and analysis, runs the judged queries
 * (apps/offer-search/test/relevance/judged-queries.json) through the search API's query builder,
 * and prints nDCG@10 and recall@100, overall and per query. OpenSearch at SEARCH_URL (default
 * http://127.0.0.1:9200, what `npm start` runs). Writes bench-results/relevance.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { franceTravailIndexedOffers, repoRoot, TestOfferIndex, uniqueId } from '@vigie/testing';
import { engineRankedSearch, evaluateJudgedSet, loadJudgedSet } from './evaluate';

const SEARCH_URL = process.env.SEARCH_URL ?? 'http://127.0.0.1:9200';

async function main(): Promise<void> {
  const offers = franceTravailIndexedOffers();
  if (offers === null) throw new Error('the shared data folder (../shared/data) holds the judged offers');
  const judged = loadJudgedSet();
  const index = new TestOfferIndex(SEARCH_URL, uniqueId('relevance'));
  await index.create();
  try {
    const started = Date.now();
    await index.load(offers);
    process.stdout.write(
      `measure:relevance — ${offers.length.toLocaleString('en')} real offers indexed in ${((Date.now() - started) / 1000).toFixed(1)} s, ${judged.queries.length} judged queries\n`,
    );
    const scores = await evaluateJudgedSet(engineRankedSearch(index, new Date()), judged.queries);
    for (const s of [...scores.perQuery].sort((a, b) => a.ndcgAt10 - b.ndcgAt10)) {
      process.stdout.write(
        `  nDCG@10 ${s.ndcgAt10.toFixed(3)}  recall@100 ${s.recallAt100.toFixed(3)}  (${s.judged} judged)  ${s.q}\n`,
      );
    }
    process.stdout.write(
      `nDCG@10 ${scores.ndcgAt10.toFixed(4)}, recall@100 ${scores.recallAt100.toFixed(4)} (mean over ${scores.queries} queries)\n`,
    );
    const results = {
      queries: scores.queries,
      offers: offers.length,
      ndcg_at_10: Number(scores.ndcgAt10.toFixed(4)),
      recall_at_100: Number(scores.recallAt100.toFixed(4)),
    };
    mkdirSync(join(repoRoot(), 'bench-results'), { recursive: true });
    writeFileSync(
      join(repoRoot(), 'bench-results', 'relevance.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  } finally {
    await index.drop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
