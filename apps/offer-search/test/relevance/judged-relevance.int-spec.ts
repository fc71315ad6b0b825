import {
  franceTravailIndexedOffers,
  franceTravailOfferId,
  TestOfferIndex,
  testInfra,
  uniqueId,
} from '@vigie/testing';
import { engineRankedSearch, evaluateJudgedSet, loadJudgedSet } from '../../../../bench/relevance/evaluate';

/**
 * The judged relevance set as a regression test: the real offers indexed through the real mapping,
 * every judged query through the search API's query builder. The floors are the measured figures
 * (docs/search.md: nDCG@10 0.874, recall@100 0.652) minus a margin for harmless ranking changes.
 */
const NDCG_AT_10_FLOOR = 0.82;
const RECALL_AT_100_FLOOR = 0.6;

const offers = franceTravailIndexedOffers();
if (offers === null) throw new Error('the shared data folder (../shared/data) holds the judged offers');

describe('search relevance on the judged set', () => {
  const index = new TestOfferIndex(testInfra().searchUrl, uniqueId('relevance'));

  beforeAll(async () => {
    await index.create();
    await index.load(offers);
  });
  afterAll(async () => {
    await index.drop();
  });

  it('ranks the offers a person expects first at least as well as measured', async () => {
    const judged = loadJudgedSet();
    expect(judged.queries.length).toBeGreaterThanOrEqual(50);

    const scores = await evaluateJudgedSet(engineRankedSearch(index, new Date()), judged.queries);

    expect(scores.queries).toBe(judged.queries.length);
    expect(scores.ndcgAt10).toBeGreaterThanOrEqual(NDCG_AT_10_FLOOR);
    expect(scores.recallAt100).toBeGreaterThanOrEqual(RECALL_AT_100_FLOOR);
  });

  it('scores a ranking that ignores the judgments far below the floor', async () => {
    // The same queries answered with offers no judgment names: the measure can fail.
    const judged = new Set(
      loadJudgedSet().queries.flatMap((q) => Object.keys(q.relevant).map(franceTravailOfferId)),
    );
    const unjudged = offers.filter((o) => !judged.has(o.offerId)).map((o) => o.offerId);
    const scores = await evaluateJudgedSet(async () => unjudged.slice(0, 100), loadJudgedSet().queries);

    expect(scores.ndcgAt10).toBeLessThan(NDCG_AT_10_FLOOR / 2);
  });
});
