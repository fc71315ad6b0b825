import {
  analyzeFields,
  FRENCH_TEXT_FIELD,
  type FieldPositions,
  indexFields,
  isDomainQueryError,
  matchesIndexed,
  openSearchAnalysis,
  openSearchTextQuery,
  type ParsedQuery,
  parseQuery,
} from '@vigie/analysis';
import { testInfra, uniqueId } from '@vigie/testing';
import { EngineAnalysis } from '../../test/engine-analysis';
import { offerTexts } from '../../test/offer-texts';
import { queriesFromTitles } from '../../test/real-queries';

/**
 * Same answers as the engine: the real offers are indexed with the chain, and for a few hundred
 * queries built from real titles, the documents openSearchTextQuery finds are exactly the ones
 * matchesQuery accepts over analyze()'s tokens.
 */
describe('openSearchTextQuery on the real engine equals matchesQuery', () => {
  const engine = new EngineAnalysis(testInfra().searchUrl, uniqueId('analysis-q'));
  const { source, offers } = offerTexts(1_500);
  const docs: Array<{ id: string; fields: FieldPositions[] }> = offers.map((o) => ({
    id: o.id,
    fields: indexFields(analyzeFields(o)),
  }));

  beforeAll(async () => {
    await engine.create(openSearchAnalysis(), {
      dynamic: 'strict',
      properties: {
        title: FRENCH_TEXT_FIELD,
        description: FRENCH_TEXT_FIELD,
        companyName: FRENCH_TEXT_FIELD,
      },
    });
    for (let i = 0; i < offers.length; i += 500) {
      const body = offers
        .slice(i, i + 500)
        .flatMap((o) => [
          JSON.stringify({ index: { _id: o.id } }),
          JSON.stringify({ title: o.title, description: o.description, companyName: o.companyName }),
        ])
        .join('\n');
      const res = await engine.request<{ errors: boolean }>(
        'POST',
        `/${engine.index}/_bulk?refresh=false`,
        `${body}\n`,
      );
      expect(res.errors).toBe(false);
    }
    await engine.request('POST', `/${engine.index}/_refresh`);
  });
  afterAll(() => engine.drop());

  async function engineMatches(queries: ParsedQuery[]): Promise<Set<string>[]> {
    const body = queries
      .flatMap((q) => [
        '{}',
        JSON.stringify({ query: openSearchTextQuery(q), size: 10_000, _source: false, sort: ['_doc'] }),
      ])
      .join('\n');
    const res = await engine.request<{
      responses: Array<{ hits?: { hits?: Array<{ _id: string }> }; error?: unknown }>;
    }>(
      'POST',
      `/${engine.index}/_msearch?filter_path=responses.hits.total.value,responses.hits.hits._id,responses.error`,
      `${body}\n`,
    );
    // Every response keeps its total (filter_path would drop an empty one and shift the rest).
    expect(res.responses).toHaveLength(queries.length);
    return res.responses.map((r, i) => {
      if (r.error) throw new Error(`query ${JSON.stringify(queries[i])} failed: ${JSON.stringify(r.error)}`);
      return new Set((r.hits?.hits ?? []).map((h) => h._id));
    });
  }

  it(`finds the same documents for every query (${source})`, async () => {
    const parsed = queriesFromTitles(offers, 400).flatMap((q) => {
      try {
        return [{ q, parsed: parseQuery(q) }];
      } catch (e) {
        if (isDomainQueryError(e)) return [];
        throw e;
      }
    });
    const differences: string[] = [];
    let selective = 0;
    for (let i = 0; i < parsed.length; i += 50) {
      const chunk = parsed.slice(i, i + 50);
      const theirs = await engineMatches(chunk.map((c) => c.parsed));
      chunk.forEach(({ q, parsed: p }, k) => {
        const ours = new Set(docs.filter((d) => matchesIndexed(p, d.fields)).map((d) => d.id));
        if (ours.size > 0 && ours.size < docs.length) selective++;
        const onlyOurs = [...ours].filter((id) => !theirs[k]!.has(id));
        const onlyTheirs = [...theirs[k]!].filter((id) => !ours.has(id));
        if (onlyOurs.length + onlyTheirs.length > 0) {
          differences.push(
            `${JSON.stringify(q)}: only ours ${onlyOurs.slice(0, 5).join(' ')}, only the engine ${onlyTheirs.slice(0, 5).join(' ')}`,
          );
        }
      });
    }
    process.stdout.write(
      `[analysis] ${parsed.length} queries over ${docs.length} offers, ${selective} selective\n`,
    );
    expect(differences.slice(0, 20)).toEqual([]);
    expect(parsed.length).toBeGreaterThanOrEqual(300);
    expect(selective).toBeGreaterThan(parsed.length / 2);
  });
});
