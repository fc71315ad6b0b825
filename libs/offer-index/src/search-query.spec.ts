import { openSearchTextQuery, parseQuery } from '@vigie/analysis';
import { type SearchCriteria, SearchCriteriaSchema } from '@vigie/contracts';
import { isDomainError } from '@vigie/kernel';
import {
  buildSearchQuery,
  liveAt,
  liveOfferClauses,
  type ResolvedWhere,
  resolveWhere,
  SEARCH_BOOSTS,
  searchFilters,
} from './search-query';
import { liveOffersFilter } from './gone-offers';

const now = new Date('2026-12-01T12:00:00.000Z');
const criteria = (input: Partial<SearchCriteria> = {}): SearchCriteria => SearchCriteriaSchema.parse(input);
const lyon = { latitude: 45.758, longitude: 4.835 };
const lyonWithin = (radiusKm: number): ResolvedWhere => ({ kind: 'commune', centre: lyon, radiusKm });

/** The filters a criterion adds beyond the live-offer clauses every search has. */
function added(c: SearchCriteria, place: ResolvedWhere | null = null): unknown[] {
  return searchFilters(c, place, { now }).slice(liveOfferClauses(now).length);
}

describe('buildSearchQuery', () => {
  it('keeps only live offers: no validThrough, or one not yet passed', () => {
    const body = buildSearchQuery(criteria(), null, { now });
    expect(body.query).toEqual({ bool: { must: [{ match_all: {} }], filter: liveOfferClauses(now) } });
    expect(JSON.stringify(liveOfferClauses(now))).toContain(now.toISOString());
    expect(liveOfferClauses(now)).toContainEqual(liveOffersFilter());
  });

  it('matches the text through @vigie/analysis with the title boosted', () => {
    const body = buildSearchQuery(criteria({ q: 'développeur java -stage' }), null, { now });
    const expected = openSearchTextQuery(parseQuery('développeur java -stage'), { boosts: SEARCH_BOOSTS });
    expect((body.query as { bool: { must: unknown[] } }).bool.must).toEqual([expected]);
    expect(JSON.stringify(expected)).toContain('title^3');
    expect(SEARCH_BOOSTS.title).toBeGreaterThan(SEARCH_BOOSTS.description);
    expect(SEARCH_BOOSTS.title).toBeGreaterThan(SEARCH_BOOSTS.companyName);
  });

  it('adds one terms filter per non-empty list criterion, none for empty ones', () => {
    expect(added(criteria())).toEqual([]);
    expect(
      added(
        criteria({
          contractTypes: ['cdi', 'cdd'],
          workingTimes: ['part_time'],
          romeCodes: ['M1805'],
          remote: ['partial'],
        }),
      ),
    ).toEqual([
      { terms: { remote: ['partial'] } },
      { terms: { 'contract.type': ['cdi', 'cdd'] } },
      { terms: { workingTime: ['part_time'] } },
      { terms: { romeCode: ['M1805'] } },
    ]);
  });

  it('compares the company as a whole, folded like the keyword sub-field', () => {
    expect(added(criteria({ company: 'Société Générale' }))).toEqual([
      { term: { 'companyName.raw': 'societe generale' } },
    ]);
  });

  it('keeps offers within the radius of the commune centre', () => {
    expect(
      added(criteria({ where: { kind: 'commune', communeCode: '69123', radiusKm: 30 } }), lyonWithin(30)),
    ).toEqual([
      { geo_distance: { distance: '30km', 'place.geo': { lat: lyon.latitude, lon: lyon.longitude } } },
    ]);
  });

  it('matches a department or a region by the offer place code', () => {
    const dep: ResolvedWhere = { kind: 'department', code: '69' };
    const reg: ResolvedWhere = { kind: 'region', code: '84' };
    expect(added(criteria({ where: dep }), dep)).toEqual([{ term: { 'place.departmentCode': '69' } }]);
    expect(added(criteria({ where: reg }), reg)).toEqual([{ term: { 'place.regionCode': '84' } }]);
  });

  it('lets fully remote offers match any place when remote includes full', () => {
    const where = { kind: 'department', code: '69' } as const;
    const [placeFilter, remoteFilter] = added(criteria({ where, remote: ['full', 'partial'] }), where);
    expect(placeFilter).toEqual({
      bool: {
        should: [{ term: { 'place.departmentCode': '69' } }, { term: { remote: 'full' } }],
        minimum_should_match: 1,
      },
    });
    expect(remoteFilter).toEqual({ terms: { remote: ['full', 'partial'] } });
    // Without « full », the place is required of every offer.
    expect(added(criteria({ where, remote: ['partial'] }), where)[0]).toEqual({
      term: { 'place.departmentCode': '69' },
    });
  });

  it('requires the highest stated salary to reach the minimum, unsalaried offers only when included', () => {
    const withUnsalaried = added(criteria({ minAnnualSalary: 45_000 }))[0] as {
      bool: { should: unknown[] };
    };
    const without = added(criteria({ minAnnualSalary: 45_000, includeUnsalaried: false }))[0] as {
      bool: { should: unknown[] };
    };
    const maxReaches = { range: { 'salary.maxAnnualEur': { gte: 45_000 } } };
    const minReachesWithoutMax = {
      bool: {
        must_not: [{ exists: { field: 'salary.maxAnnualEur' } }],
        filter: [{ range: { 'salary.minAnnualEur': { gte: 45_000 } } }],
      },
    };
    const unsalaried = {
      bool: {
        must_not: [
          { exists: { field: 'salary.minAnnualEur' } },
          { exists: { field: 'salary.maxAnnualEur' } },
        ],
      },
    };
    expect(without.bool.should).toEqual([maxReaches, minReachesWithoutMax]);
    expect(withUnsalaried.bool.should).toEqual([maxReaches, minReachesWithoutMax, unsalaried]);
  });

  it('filters on publishedSince when given', () => {
    const since = new Date('2026-11-20T00:00:00.000Z');
    expect(searchFilters(criteria(), null, { now, publishedSince: since }).slice(-1)).toEqual([
      { range: { publishedAt: { gte: since.toISOString() } } },
    ]);
  });

  it('sorts by relevance with text, by date without, by distance from the commune on request', () => {
    const tail = [{ publishedAt: 'desc' }, { offerId: 'asc' }];
    expect(buildSearchQuery(criteria({ q: 'soudeur' }), null, { now }).sort).toEqual([
      { _score: 'desc' },
      ...tail,
    ]);
    expect(buildSearchQuery(criteria(), null, { now }).sort).toEqual(tail);
    const where = { kind: 'commune', communeCode: '69123', radiusKm: 10 } as const;
    expect(buildSearchQuery(criteria({ where }), lyonWithin(10), { now, sort: 'distance' }).sort[0]).toEqual({
      _geo_distance: {
        'place.geo': { lat: lyon.latitude, lon: lyon.longitude },
        order: 'asc',
        unit: 'km',
        distance_type: 'arc',
      },
    });
  });

  it('refuses a distance sort without a commune, naming the sort parameter', () => {
    const attempt = () => buildSearchQuery(criteria(), null, { now, sort: 'distance' });
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'SEARCH_SORT_NEEDS_COMMUNE',
        details: [{ field: 'sort', reason: 'distance needs a commune' }],
      }),
    );
  });

  it('passes size and search_after through', () => {
    const body = buildSearchQuery(criteria(), null, { now, size: 7, searchAfter: ['2026-11-01', 'abc'] });
    expect(body.size).toBe(7);
    expect(body.search_after).toEqual(['2026-11-01', 'abc']);
    expect(buildSearchQuery(criteria(), null, { now }).search_after).toBeUndefined();
  });

  it('rejects a place that is not the resolution of the criteria', () => {
    const where = { kind: 'commune', communeCode: '69123', radiusKm: 10 } as const;
    expect(() => buildSearchQuery(criteria({ where }), null, { now })).toThrow(/resolveWhere/);
    expect(() => buildSearchQuery(criteria({ where }), lyonWithin(20), { now })).toThrow(/resolveWhere/);
    expect(() => buildSearchQuery(criteria(), lyonWithin(10), { now })).toThrow(/resolveWhere/);
  });
});

describe('resolveWhere', () => {
  const gazetteer = { commune: (code: string) => (code === '69123' ? { geo: lyon } : null) };

  it('gives a commune its centre and keeps departments and regions as they are', () => {
    expect(resolveWhere({ kind: 'commune', communeCode: '69123', radiusKm: 25 }, gazetteer)).toEqual(
      lyonWithin(25),
    );
    expect(resolveWhere({ kind: 'region', code: '84' }, gazetteer)).toEqual({ kind: 'region', code: '84' });
    expect(resolveWhere(null, gazetteer)).toBeNull();
  });

  it('names the commune parameter when the code is unknown', () => {
    try {
      resolveWhere({ kind: 'commune', communeCode: '99999', radiusKm: 10 }, gazetteer);
      throw new Error('expected a failure');
    } catch (e) {
      expect(isDomainError(e, ['SEARCH_UNKNOWN_COMMUNE'])).toBe(true);
      expect((e as { details: unknown }).details).toEqual([
        { field: 'commune', reason: 'unknown commune 99999' },
      ]);
    }
  });
});

describe('liveAt', () => {
  it('rounds up to the next whole minute, so a search never shows an offer past its validThrough', () => {
    expect(liveAt(new Date('2026-12-01T12:00:00.001Z')).toISOString()).toBe('2026-12-01T12:01:00.000Z');
    expect(liveAt(new Date('2026-12-01T12:00:59.999Z')).toISOString()).toBe('2026-12-01T12:01:00.000Z');
    expect(liveAt(new Date('2026-12-01T12:00:00.000Z')).toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });

  it('gives every search of one minute the same live clause (what the engine can cache)', () => {
    const a = liveOfferClauses(liveAt(new Date('2026-12-01T12:00:03.120Z')));
    const b = liveOfferClauses(liveAt(new Date('2026-12-01T12:00:47.981Z')));
    expect(a).toEqual(b);
  });
});
