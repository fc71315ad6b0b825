/**
 * Relevance of the candidate search measured on a judged set (issue 6): queries written from the
 * real France Travail offers of ../shared/data, each with the offers a person expects first
 * (apps/offer-search/test/relevance/judged-queries.json). Reports nDCG@10 (graded: 2 the job asked
 * for, 1 a close job) and recall@100 (share of the judged offers, any grade, in the first 100).
 * Used by `npm run measure:relevance`, its floor test, and bench:search's `ndcg_at_10`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchCriteriaSchema } from '@vigie/contracts';
import { buildSearchQuery } from '@vigie/offer-index';
import { franceTravailOfferId, repoRoot } from '@vigie/testing';

export type Grade = 1 | 2;

export interface JudgedQuery {
  /** What the candidate types, in the search API's safe syntax. */
  q: string;
  /** What the person judging understood the query to ask for. */
  intent: string;
  /** France Travail offer id → grade; offers absent from it are judged not relevant. */
  relevant: Record<string, Grade>;
}

export interface JudgedSet {
  about: string;
  queries: JudgedQuery[];
}

/** The ids of the offers a search returns, best first, at most `depth` of them. */
export type RankedSearch = (q: string, depth: number) => Promise<readonly string[]>;

export interface QueryScore {
  q: string;
  ndcgAt10: number;
  recallAt100: number;
  judged: number;
}

export interface RelevanceScores {
  ndcgAt10: number;
  recallAt100: number;
  queries: number;
  perQuery: QueryScore[];
}

export const JUDGED_SET_FILE = 'apps/offer-search/test/relevance/judged-queries.json';

export function loadJudgedSet(file = join(repoRoot(), JUDGED_SET_FILE)): JudgedSet {
  return JSON.parse(readFileSync(file, 'utf8')) as JudgedSet;
}

/** Gain of a grade: 2^grade − 1, so a perfect match weighs three times a close one. */
const gain = (grade: number): number => 2 ** grade - 1;

/** Normalised discounted cumulative gain of the first `k` results (1 when they are the best possible). */
export function ndcgAt(k: number, ranked: readonly string[], grades: ReadonlyMap<string, number>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    dcg += gain(grades.get(id) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...grades.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the judged offers (any grade) among the first `k` results. */
export function recallAt(k: number, ranked: readonly string[], grades: ReadonlyMap<string, number>): number {
  if (grades.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => grades.has(id)).length / grades.size;
}

/**
 * Runs every judged query through `search` and averages nDCG@10 and recall@100 over the queries.
 * `idOf` maps a France Travail id to the id the index holds (franceTravailOfferId by default).
 */
export async function evaluateJudgedSet(
  search: RankedSearch,
  queries: readonly JudgedQuery[],
  idOf: (franceTravailId: string) => string = franceTravailOfferId,
): Promise<RelevanceScores> {
  const perQuery: QueryScore[] = [];
  for (const judged of queries) {
    const grades = new Map(Object.entries(judged.relevant).map(([id, grade]) => [idOf(id), grade]));
    const ranked = await search(judged.q, 100);
    perQuery.push({
      q: judged.q,
      ndcgAt10: ndcgAt(10, ranked, grades),
      recallAt100: recallAt(100, ranked, grades),
      judged: grades.size,
    });
  }
  const mean = (f: (s: QueryScore) => number) =>
    perQuery.length === 0 ? 0 : perQuery.reduce((sum, s) => sum + f(s), 0) / perQuery.length;
  return {
    ndcgAt10: mean((s) => s.ndcgAt10),
    recallAt100: mean((s) => s.recallAt100),
    queries: perQuery.length,
    perQuery,
  };
}

/** What the ranked search needs of an index: one `_search` over the offers' alias or index. */
export interface SearchEndpoint {
  search<T>(body: unknown): Promise<T>;
}

/**
 * A RankedSearch through the search API's own query (buildSearchQuery: the analysis chain, title
 * boosted, live offers only), text only, sorted by relevance.
 */
export function engineRankedSearch(endpoint: SearchEndpoint, now: Date): RankedSearch {
  return async (q, depth) => {
    const body = buildSearchQuery(SearchCriteriaSchema.parse({ q }), null, {
      now,
      sort: 'relevance',
      size: depth,
    });
    const answer = await endpoint.search<{ hits: { hits: Array<{ _id: string }> } }>({
      ...body,
      track_total_hits: false,
      _source: false,
    });
    return answer.hits.hits.map((h) => h._id);
  };
}
