import { analyzeFields, indexFields, matchesIndexed, parseQuery } from '@vigie/analysis';
import type { ParamBag } from '@vigie/contracts';
import { distanceKm, loadGazetteer } from '@vigie/geo';
import { FakeClock, isDomainError } from '@vigie/kernel';
import {
  franceTravailIndexedOffers,
  type IndexedOffer,
  TestOfferIndex,
  testInfra,
  uniqueId,
} from '@vigie/testing';
import { createSearchClient } from '@vigie/search-engine';
import { OpenSearchOfferSearchIndex } from './opensearch-offer-search-index';
import { GazetteerCommuneDirectory } from '../places/gazetteer-commune-directory';
import { GetPublishedOfferUseCase } from '../offers/get-published-offer.usecase';
import { SearchOffersUseCase, type SearchResponse } from './search-offers.usecase';

/**
 * The search use case on the real engine, over the real France Travail offers indexed through the
 * real mapping. Expected answers are computed from the same offers in memory (the analysis chain's
 * matcher, the platform's distance), never written down.
 */
const real = franceTravailIndexedOffers();
if (real === null) throw new Error('the shared data folder (../shared/data) is needed by this suite');

// Copies of one real offer (one duplicate cluster), older than it, so the original leads.
const original = real.find((o) => /comptable/i.test(o.offer.title))!;
const copies: IndexedOffer[] = [1, 2, 3].map((n) => ({
  ...original,
  offerId: `00000000-0000-4000-8000-00000000000${n}`,
  offer: {
    ...original.offer,
    publishedAt: new Date(Date.parse(original.offer.publishedAt) - n * 3_600_000).toISOString(),
  },
}));
const expired: IndexedOffer = {
  ...real[1]!,
  offerId: '00000000-0000-4000-8000-0000000000ee',
  offer: { ...real[1]!.offer, clusterId: 'expired', validThrough: '2026-11-01T00:00:30.000Z' },
};
const offers = [...real, ...copies, expired];
const live = offers.filter((o) => o !== expired);
const tokens = new Map(live.map((o) => [o.offerId, indexFields(analyzeFields(o.offer))]));
const copyIds = new Set(copies.map((c) => c.offerId));

describe('offer search on the real engine over the real offers', () => {
  const infra = testInfra();
  const index = new TestOfferIndex(infra.searchUrl, uniqueId('offer-search'));
  const client = createSearchClient({ url: infra.searchUrl }, { requestTimeoutMs: 5_000 });
  const communes = new GazetteerCommuneDirectory(loadGazetteer());
  const engine = new OpenSearchOfferSearchIndex(client, index.index);
  const clock = new FakeClock('2026-12-01T12:00:00.000Z');
  const limits = { maxPageSize: 50, maxDepth: 400, query: { maxLength: 200, maxTerms: 16 } };
  const sut = new SearchOffersUseCase(engine, communes, clock, limits);

  beforeAll(async () => {
    await index.create();
    await index.load(offers);
  });
  afterAll(async () => {
    await index.drop();
    await client.close();
  });

  /** Every page of a search, following `next`. */
  async function allPages(
    params: Record<string, string>,
    search: SearchOffersUseCase = sut,
  ): Promise<{ ids: string[]; first: SearchResponse }> {
    const ids: string[] = [];
    let first: SearchResponse | null = null;
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: SearchResponse = await search.execute({
        ...params,
        size: '50',
        ...(after ? { after } : {}),
      });
      first ??= res;
      ids.push(...res.results.map((r) => r.offerId));
      after = res.next;
      if (after === null) break;
    }
    return { ids, first: first! };
  }

  const textMatches = (q: string) => {
    const parsed = parseQuery(q);
    return live.filter((o) => matchesIndexed(parsed, tokens.get(o.offerId)!)).map((o) => o.offerId);
  };

  it.each(['infirmier', 'vente', 'commercial -stage', '"chef d\'équipe"', 'développeur java', 'comptable'])(
    'finds exactly the offers the analysis chain matches for %s, each cluster once',
    async (q) => {
      const expected = textMatches(q);
      const { ids, first } = await allPages({ q });
      expect(expected.length).toBeGreaterThan(0);
      expect(first.totalOffers).toBe(expected.length);
      expect(new Set(ids).size).toBe(ids.length);
      // Once per cluster: the copies of `original` never come with it (every other offer is alone).
      expect(ids.sort()).toEqual(expected.filter((id) => !copyIds.has(id)).sort());
    },
  );

  it('shows a duplicate cluster once, at its best-ranked member', async () => {
    const { ids } = await allPages({ q: 'comptable', sort: 'date' });
    const members = [original, ...copies].map((o) => o.offerId);
    expect(ids.filter((id) => members.includes(id))).toEqual([original.offerId]);
  });

  it('keeps a cluster once when its members fall on different pages', async () => {
    // One offer a page: the original ends page 1, its copies come right after the cursor, where
    // only the engine's collapsed answer can tell they are not their cluster's leader.
    const members = new Set([original, ...copies].map((o) => o.offerId));
    const params = { q: 'comptable', sort: 'date', size: '1' };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 400; page++) {
      const res: SearchResponse = await sut.execute({ ...params, ...(after ? { after } : {}) });
      seen.push(...res.results.map((r) => r.offerId));
      after = res.next;
      if (after === null || seen.includes(original.offerId)) break;
    }
    // The pages just after the original's: its copies are next in date order and must be skipped.
    for (let page = 0; page < 3 && after !== null; page++) {
      const res: SearchResponse = await sut.execute({ ...params, after });
      seen.push(...res.results.map((r) => r.offerId));
      after = res.next;
    }
    expect(seen.filter((id) => members.has(id))).toEqual([original.offerId]);
    expect(seen.length).toBeGreaterThan(seen.indexOf(original.offerId) + 1);
  });

  it('ranks offers with the words in the title before those with them only in the description', async () => {
    const res = await sut.execute({ q: 'comptable', size: '10' });
    const inTitle = (id: string) => /comptab/i.test(live.find((o) => o.offerId === id)!.offer.title);
    const top = res.results.map((r) => inTitle(r.offerId));
    expect(top[0]).toBe(true);
    expect(res.results.some((r) => (r.highlights.title ?? []).join().includes('<mark>'))).toBe(true);
  });

  it('highlights every offer shown with the words it matched, and only the words searched', async () => {
    const res = await sut.execute({ q: 'comptable', size: '5' });

    expect(res.results.length).toBeGreaterThan(0);
    for (const r of res.results) {
      const marked = [...(r.highlights.title ?? []), ...(r.highlights.description ?? [])].join(' ');
      expect(marked).toMatch(/<mark>comptab/i);
      expect([...marked.matchAll(/<mark>([^<]*)<\/mark>/g)].every(([, w]) => /^comptab/i.test(w!))).toBe(
        true,
      );
    }
  });

  it('keeps offers within the radius of a commune given by name, sorted by distance', async () => {
    const lyon = communes.named('Lyon')!;
    const expected = live.filter((o) => {
      const geo = o.offer.place?.geo;
      return geo && distanceKm(lyon.geo, geo) <= 20;
    });
    expect(expected.length).toBeGreaterThan(5);
    const { ids, first } = await allPages({ commune: 'Lyon', radius: '20', sort: 'distance' });
    expect(first.totalOffers).toBe(expected.length);
    expect(ids.sort()).toEqual(expected.map((o) => o.offerId).sort());
    const distances = first.results.map((r) => r.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(20);
  });

  it('filters by department, contract and salary like the criteria say, and counts facets', async () => {
    const expected = live.filter(
      (o) =>
        o.offer.place?.departmentCode === '75' &&
        ['cdi', 'cdd'].includes(o.offer.contract.type) &&
        (o.offer.salary?.maxAnnualEur ?? o.offer.salary?.minAnnualEur ?? null) !== null &&
        (o.offer.salary!.maxAnnualEur ?? o.offer.salary!.minAnnualEur)! >= 35_000,
    );
    const res = await sut.execute({
      department: '75',
      contract: 'cdi,cdd',
      minSalary: '35000',
      includeUnsalaried: 'false',
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(res.totalOffers).toBe(expected.length);
    const contractFacet = Object.fromEntries(res.facets!.contract.map((b) => [b.value, b.count]));
    expect(contractFacet.cdi ?? 0).toBe(expected.filter((o) => o.offer.contract.type === 'cdi').length);
    expect(res.facets!.department).toEqual([{ value: '75', count: expected.length }]);
    expect(res.facets!.salary.find((b) => b.value === '35000')!.count).toBe(expected.length);
  });

  it('counts every facet over the whole result set', async () => {
    const res = await sut.execute({ q: 'vente' });
    const matched = new Set(textMatches('vente'));
    const sum = (name: 'contract' | 'remote') => res.facets![name].reduce((n, b) => n + b.count, 0);
    expect(sum('contract')).toBe(matched.size);
    expect(sum('remote')).toBe(matched.size);
    const rome = live.filter(
      (o) => matched.has(o.offerId) && o.offer.romeCode === res.facets!.rome[0]!.value,
    );
    expect(res.facets!.rome[0]!.count).toBe(rome.length);
    const ceilings = live
      .filter((o) => matched.has(o.offerId))
      .map((o) => o.offer.salary?.maxAnnualEur ?? o.offer.salary?.minAnnualEur ?? null);
    const expected = res.facets!.salary.map((b) => ({
      value: b.value,
      count:
        b.value === 'none'
          ? ceilings.filter((c) => c === null).length
          : ceilings.filter((c) => c !== null && c >= Number(b.value)).length,
    }));
    expect(res.facets!.salary).toEqual(expected);
    expect(expected.find((b) => b.value === 'none')!.count).toBeGreaterThan(0);
  });

  it('never shows an expired offer, in search or on its page', async () => {
    const word = expired.offer.title.split(/\s+/).find((w) => /^[a-zà-ÿ]{4,}$/i.test(w))!;
    const { ids } = await allPages({ q: word });
    expect(ids).toContain(real[1]!.offerId);
    expect(ids).not.toContain(expired.offerId);
    const page = new GetPublishedOfferUseCase(engine, clock, 'https://emploi.example.fr/');
    await expect(page.execute(expired.offerId)).rejects.toMatchObject({ code: 'OFFER_NOT_FOUND' });
    const shown = await page.execute(original.offerId);
    expect(shown).toMatchObject({
      offerId: original.offerId,
      title: original.offer.title,
      description: original.offer.description,
      url: `https://emploi.example.fr/offres/${original.offerId}`,
    });
    expect(shown.place?.commune?.code).toBe(original.offer.place?.commune?.code);
  });

  it('hides an offer from the minute before its validThrough, in search and on its page', async () => {
    // The live clause is written for the next whole minute (liveAt), so the engine can cache it.
    const word = expired.offer.title.split(/\s+/).find((w) => /^[a-zà-ÿ]{4,}$/i.test(w))!;
    const ends = Date.parse(expired.offer.validThrough!);
    const useCasesAt = (ms: number) => {
      const clockThen = new FakeClock(new Date(ends + ms).toISOString());
      return {
        search: new SearchOffersUseCase(engine, communes, clockThen, limits),
        page: new GetPublishedOfferUseCase(engine, clockThen, 'https://emploi.example.fr/'),
      };
    };
    // Its validThrough is 30 s past a minute: live at 45 s before it, gone from 15 s before it.
    const before = useCasesAt(-45_000);
    expect((await allPages({ q: word }, before.search)).ids).toContain(expired.offerId);
    await expect(before.page.execute(expired.offerId)).resolves.toMatchObject({ offerId: expired.offerId });
    const within = useCasesAt(-15_000);
    expect((await allPages({ q: word }, within.search)).ids).not.toContain(expired.offerId);
    await expect(within.page.execute(expired.offerId)).rejects.toMatchObject({ code: 'OFFER_NOT_FOUND' });
  });

  it('stops paging at the depth cap', async () => {
    const { ids, first } = await allPages({});
    expect(first.totalOffers).toBe(live.length);
    expect(ids.length).toBeLessThanOrEqual(limits.maxDepth);
    expect(ids.length).toBeGreaterThan(limits.maxDepth - 60);
  });

  async function refusal(params: ParamBag): Promise<Array<{ field: string; reason: string }>> {
    try {
      await sut.execute(params);
    } catch (e) {
      if (isDomainError(e)) return [...(e.details ?? [])];
      throw e;
    }
    throw new Error(`accepted ${JSON.stringify(params)}`);
  }

  it('refuses the A5 attempts with a 400 naming the parameter, and treats query syntax as text', async () => {
    expect((await refusal({ sort: '_script' }))[0]!.field).toBe('sort');
    expect((await refusal({ size: '10000', from: '1000000' })).map((e) => e.field).sort()).toEqual([
      'from',
      'size',
    ]);
    expect((await refusal({ q: 'a'.repeat(201) }))[0]!.field).toBe('q');
    expect((await refusal({ q: Array.from({ length: 17 }, (_, i) => `mot${i}`).join(' ') }))[0]!.field).toBe(
      'q',
    );
    expect((await refusal({ after: 'bm90IGEgY3Vyc29y' }))[0]!.field).toBe('after');
    expect((await refusal({ commune: 'Atlantide' }))[0]!.field).toBe('commune');
    // « *:* » and « .*.*.* » are no operators: the chain finds no word in them, so nothing is filtered.
    for (const q of ['*:*', '.*.*.*.*.*.*', 'title:soudeur~2']) {
      const res = await sut.execute({ q, facets: 'false' });
      const parsed = parseQuery(q);
      expect(res.totalOffers).toBe(live.filter((o) => matchesIndexed(parsed, tokens.get(o.offerId)!)).length);
    }
  });
});
