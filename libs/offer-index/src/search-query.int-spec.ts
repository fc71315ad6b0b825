import { type Offer, type SearchCriteria, SearchCriteriaSchema } from '@vigie/contracts';
import {
  canonicalOffer,
  offerPlace,
  type SearchAnswer,
  TestOfferIndex,
  testInfra,
  uniqueId,
} from '@vigie/testing';
import { buildSearchQuery, type ResolvedWhere, type SearchQueryOptions } from './search-query';
import { OFFER_STATE_FIELD, OFFER_STATES } from './gone-offers';

/**
 * buildSearchQuery on the real engine, through the real mapping: each offer below is made to sit on
 * one side of one criterion's boundary, and its id says which.
 */
const now = new Date('2026-12-01T12:00:00.000Z');
const lyon = { latitude: 45.758, longitude: 4.835 };
const place = (code: string, name: string, dep: string, reg: string, latitude: number, longitude: number) =>
  offerPlace({
    label: name,
    postalCode: null,
    commune: { code, name, departmentCode: dep, regionCode: reg },
    departmentCode: dep,
    regionCode: reg,
    geo: { latitude, longitude },
  });
const villeurbanne = place('69266', 'Villeurbanne', '69', '84', 45.7719, 4.8902); // ~4.7 km from Lyon
const saintEtienne = place('42218', 'Saint-Étienne', '42', '84', 45.4397, 4.3872); // ~49 km
const paris = place('75056', 'Paris', '75', '11', 48.8566, 2.3522);

const offers: Record<string, Partial<Offer>> = {
  'villeurbanne-cdi': { place: villeurbanne },
  'st-etienne-cdd': { place: saintEtienne, contract: { type: 'cdd', source: null } },
  'paris-full-remote': { place: paris, remote: 'full' },
  'paris-partial-remote': { place: paris, remote: 'partial' },
  'no-place': { place: null },
  'expired-yesterday': { place: villeurbanne, validThrough: '2026-11-30T12:00:00.000Z' },
  'no-end-date': { place: villeurbanne, validThrough: null },
  'salary-max-50k': { salary: { minAnnualEur: 30_000, maxAnnualEur: 50_000, label: null } },
  'salary-min-only-46k': { salary: { minAnnualEur: 46_000, maxAnnualEur: null, label: null } },
  'salary-up-to-40k': { salary: { minAnnualEur: 30_000, maxAnnualEur: 40_000, label: null } },
  'unsalaried-null': { salary: null },
  'unsalaried-empty': { salary: { minAnnualEur: null, maxAnnualEur: null, label: 'selon profil' } },
  'part-time': { workingTime: 'part_time' },
  'working-time-unknown': { workingTime: null },
  'rome-unknown': { romeCode: null },
  'company-accented': { companyName: 'Boulangerie Hélène Éclair' },
  'soudeur-in-title': {
    title: 'Soudeur TIG (H/F)',
    description: 'Atelier de chaudronnerie, équipe de jour.',
  },
  'soudeur-in-description': {
    title: 'Opérateur de production (H/F)',
    description: 'Vous assistez le soudeur de l’atelier, équipe de jour.',
  },
  'soudeur-stage': { title: 'Stage soudeur (H/F)', description: 'Stage de six mois en atelier.' },
};
const ids = Object.keys(offers);

describe('buildSearchQuery on the real engine', () => {
  const index = new TestOfferIndex(testInfra().searchUrl, uniqueId('search-query'));

  beforeAll(async () => {
    await index.create();
    await index.load(
      ids.map((id, i) => ({
        offerId: id,
        recruiterId: 'recruiter-1',
        version: 1,
        // One day apart, so the date sort is known: the first id is the newest.
        offer: canonicalOffer({
          publishedAt: new Date(now.getTime() - (i + 1) * 86_400_000).toISOString(),
          ...offers[id],
        }),
      })),
    );
  });
  afterAll(() => index.drop());

  async function found(
    input: Partial<SearchCriteria>,
    where: ResolvedWhere | null = null,
    options: Partial<SearchQueryOptions> = {},
  ): Promise<string[]> {
    const criteria = SearchCriteriaSchema.parse(input);
    const res = await index.search<SearchAnswer>(
      buildSearchQuery(criteria, where, { now, size: 100, ...options }),
    );
    return res.hits.hits.map((h) => h._id);
  }
  const sorted = async (...args: Parameters<typeof found>) => (await found(...args)).sort();
  const without = (...out: string[]) => ids.filter((id) => !out.includes(id)).sort();

  it('never shows an offer whose validThrough has passed', async () => {
    expect(await sorted({})).toEqual(without('expired-yesterday'));
  });

  it('never shows a gone offer (a deleted or expired offer kept as a versioned gone document)', async () => {
    const gone = { offerId: 'gone-offer', recruiterId: 'recruiter-1', version: 2, status: 'withdrawn' };
    await index.request(
      'PUT',
      `/${index.index}/_doc/gone-offer?version=2&version_type=external&refresh=true`,
      {
        ...gone,
        indexedAt: now.toISOString(),
        [OFFER_STATE_FIELD]: OFFER_STATES.gone,
      },
    );
    try {
      expect(await sorted({})).toEqual(without('expired-yesterday'));
      expect(await found({ q: 'soudeur' })).not.toContain('gone-offer');
    } finally {
      await index.request('DELETE', `/${index.index}/_doc/gone-offer?refresh=true`);
    }
  });

  it('keeps offers within the radius of the commune, fully remote ones too when remote includes full', async () => {
    const where = { kind: 'commune', communeCode: '69123', radiusKm: 10 } as const;
    const resolved: ResolvedWhere = { kind: 'commune', centre: lyon, radiusKm: 10 };
    const near = ids.filter((id) => {
      const p = offers[id]!.place;
      return id !== 'expired-yesterday' && (p === undefined || p === villeurbanne);
    });
    expect(await sorted({ where }, resolved)).toEqual(near.sort());
    expect(await sorted({ where: { ...where, radiusKm: 60 } }, { ...resolved, radiusKm: 60 })).toEqual(
      [...near, 'st-etienne-cdd'].sort(),
    );
    expect(await sorted({ where, remote: ['full'] }, resolved)).toEqual(['paris-full-remote']);
    expect(await sorted({ where, remote: ['partial', 'full'] }, resolved)).toEqual(
      [...near.filter((id) => (offers[id]!.remote ?? 'partial') === 'partial'), 'paris-full-remote'].sort(),
    );
  });

  it('matches a department or a region by code; an offer without a place matches neither', async () => {
    const dep: ResolvedWhere = { kind: 'department', code: '42' };
    expect(await sorted({ where: dep }, dep)).toEqual(['st-etienne-cdd']);
    const idf: ResolvedWhere = { kind: 'region', code: '11' };
    expect(await sorted({ where: idf }, idf)).toEqual(['paris-full-remote', 'paris-partial-remote']);
    const ara: ResolvedWhere = { kind: 'region', code: '84' };
    expect(await sorted({ where: ara }, ara)).not.toContain('no-place');
  });

  it('requires the highest stated salary to reach the minimum; unsalaried offers only when included', async () => {
    const withSalary = ids.filter((id) => offers[id]!.salary === undefined && id !== 'expired-yesterday');
    expect(await sorted({ minAnnualSalary: 45_000, includeUnsalaried: false })).toEqual(
      [...withSalary, 'salary-max-50k', 'salary-min-only-46k'].sort(),
    );
    expect(await sorted({ minAnnualSalary: 45_000 })).toEqual(
      [...withSalary, 'salary-max-50k', 'salary-min-only-46k', 'unsalaried-empty', 'unsalaried-null'].sort(),
    );
    expect(await sorted({ minAnnualSalary: 60_000, includeUnsalaried: false })).toEqual([]);
  });

  it('filters contract, working time and ROME; an unknown value never matches a filter', async () => {
    expect(await sorted({ contractTypes: ['cdd'] })).toEqual(['st-etienne-cdd']);
    expect(await sorted({ workingTimes: ['part_time'] })).toEqual(['part-time']);
    expect(await sorted({ workingTimes: ['full_time'] })).toEqual(
      without('expired-yesterday', 'part-time', 'working-time-unknown'),
    );
    expect(await sorted({ romeCodes: ['M1805', 'H2913'] })).toEqual(
      without('expired-yesterday', 'rome-unknown'),
    );
  });

  it('compares the company as a whole, case- and accent-insensitively', async () => {
    expect(await sorted({ company: 'BOULANGERIE helene eclair' })).toEqual(['company-accented']);
    expect(await sorted({ company: 'Boulangerie' })).toEqual([]);
  });

  it('finds the text in title or description, ranks a title match first, honours exclusions', async () => {
    const soudeur = await found({ q: 'soudeurs' });
    expect(soudeur.sort()).toEqual(['soudeur-in-description', 'soudeur-in-title', 'soudeur-stage']);
    const ranked = await found({ q: 'soudeur' });
    expect(ranked.indexOf('soudeur-in-title')).toBeLessThan(ranked.indexOf('soudeur-in-description'));
    expect(await sorted({ q: 'soudeur -stage' })).toEqual(['soudeur-in-description', 'soudeur-in-title']);
    expect(await sorted({ q: '"équipe de jour" soudeur' })).toEqual([
      'soudeur-in-description',
      'soudeur-in-title',
    ]);
  });

  it('sorts by distance from the commune centre', async () => {
    const resolved: ResolvedWhere = { kind: 'commune', centre: lyon, radiusKm: 200 };
    const hits = await found({ where: { kind: 'commune', communeCode: '69123', radiusKm: 200 } }, resolved, {
      sort: 'distance',
    });
    expect(hits.indexOf('villeurbanne-cdi')).toBeLessThan(hits.indexOf('st-etienne-cdd'));
    // The factory's Lyon 3e place is ~0.6 km away: nearer than Villeurbanne.
    expect(hits.indexOf('part-time')).toBeLessThan(hits.indexOf('villeurbanne-cdi'));
  });

  it('pages with search_after through every live offer once, newest first', async () => {
    const seen: string[] = [];
    let after: unknown[] | null = null;
    for (let page = 0; page < 20; page++) {
      const criteria = SearchCriteriaSchema.parse({});
      const res: SearchAnswer = await index.search<SearchAnswer>(
        buildSearchQuery(criteria, null, { now, size: 4, searchAfter: after, sort: 'date' }),
      );
      if (res.hits.hits.length === 0) break;
      seen.push(...res.hits.hits.map((h) => h._id));
      after = res.hits.hits.at(-1)!.sort!;
    }
    expect(seen).toEqual(ids.filter((id) => id !== 'expired-yesterday'));
  });
});
