import { evaluateJudgedSet, ndcgAt, recallAt } from '../../../../bench/relevance/evaluate';

describe('relevance measures', () => {
  const grades = new Map([
    ['a', 2],
    ['b', 1],
    ['c', 1],
  ]);

  it('gives nDCG 1 to the ideal order and less to any other', () => {
    expect(ndcgAt(10, ['a', 'b', 'c'], grades)).toBeCloseTo(1, 10);
    expect(ndcgAt(10, ['b', 'c', 'a'], grades)).toBeLessThan(1);
    expect(ndcgAt(10, ['x', 'a', 'b', 'c'], grades)).toBeLessThan(ndcgAt(10, ['a', 'x', 'b', 'c'], grades));
  });

  it('computes DCG with gains 2^grade − 1 discounted by log2(rank + 1)', () => {
    const dcg = 3 / Math.log2(3) + 1 / Math.log2(4); // a at rank 2, b at rank 3
    const ideal = 3 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAt(10, ['x', 'a', 'b'], grades)).toBeCloseTo(dcg / ideal, 10);
  });

  it('counts only the first k results', () => {
    expect(ndcgAt(1, ['x', 'a'], grades)).toBe(0);
    expect(recallAt(2, ['a', 'x', 'b'], grades)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(100, ['c', 'b', 'a'], grades)).toBe(1);
  });

  it('averages over the queries, mapping judged ids to the index ids', async () => {
    const scores = await evaluateJudgedSet(
      async (q) => (q === 'perfect' ? ['id-1', 'id-2'] : ['id-9']),
      [
        { q: 'perfect', intent: '', relevant: { '1': 2, '2': 1 } },
        { q: 'miss', intent: '', relevant: { '3': 2 } },
      ],
      (id) => `id-${id}`,
    );

    expect(scores).toMatchObject({ queries: 2, ndcgAt10: 0.5, recallAt100: 0.5 });
    expect(scores.perQuery.map((s) => [s.q, s.ndcgAt10, s.judged])).toEqual([
      ['perfect', 1, 2],
      ['miss', 0, 1],
    ]);
  });
});
