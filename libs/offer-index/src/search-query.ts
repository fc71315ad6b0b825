import {
  normalizeKeyword,
  openSearchTextQuery,
  type OpenSearchQuery,
  type ParsedQuery,
  parseQuery,
  type QueryLimits,
} from '@vigie/analysis';
import type { GeoPoint, SearchCriteria } from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { liveOffersFilter } from './gone-offers';

export type { OpenSearchQuery };

/**
 * `criteria.where` with what the engine needs and the criteria do not hold: a commune's centre
 * (from the gazetteer). Departments and regions are matched by code, so they need nothing more.
 */
export type ResolvedWhere =
  | { readonly kind: 'commune'; readonly centre: GeoPoint; readonly radiusKm: number }
  | { readonly kind: 'department'; readonly code: string }
  | { readonly kind: 'region'; readonly code: string };

/** What `resolveWhere` needs of the gazetteer (`@vigie/geo`'s Gazetteer fits). */
export interface CommuneCentres {
  commune(code: string): { readonly geo: GeoPoint } | null;
}

export type SearchQueryErrorCode = 'SEARCH_UNKNOWN_COMMUNE' | 'SEARCH_SORT_NEEDS_COMMUNE';

export class SearchQueryError extends DomainError<SearchQueryErrorCode> {
  constructor(code: SearchQueryErrorCode, field: string, reason: string) {
    super(code, `${field}: ${reason}`, [{ field, reason }]);
    this.name = 'SearchQueryError';
  }
}

/** The commune's centre for a commune + radius; an INSEE code the gazetteer lacks is an error. */
export function resolveWhere(
  where: SearchCriteria['where'],
  gazetteer: CommuneCentres,
): ResolvedWhere | null {
  if (where === null) return null;
  if (where.kind !== 'commune') return where;
  const commune = gazetteer.commune(where.communeCode);
  if (commune === null) {
    throw new SearchQueryError('SEARCH_UNKNOWN_COMMUNE', 'commune', `unknown commune ${where.communeCode}`);
  }
  return { kind: 'commune', centre: commune.geo, radiusKm: where.radiusKm };
}

/** The engine's field names this query reads (see offer-index.mapping.ts). */
export const SEARCH_FIELDS = {
  contract: 'contract.type',
  workingTime: 'workingTime',
  remote: 'remote',
  rome: 'romeCode',
  company: 'companyName.raw',
  geo: 'place.geo',
  department: 'place.departmentCode',
  region: 'place.regionCode',
  salaryMin: 'salary.minAnnualEur',
  salaryMax: 'salary.maxAnnualEur',
  salaryCeiling: 'salary.ceilingAnnualEur',
  publishedAt: 'publishedAt',
  validThrough: 'validThrough',
  offerId: 'offerId',
  clusterId: 'clusterId',
} as const;

/** Title counts three times description and company in the score (matching ignores boosts). */
export const SEARCH_BOOSTS = { title: 3, description: 1, companyName: 1 } as const;

export type SearchSort = 'relevance' | 'date' | 'distance';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'date', 'distance'];

export interface SearchQueryOptions {
  /** Offers whose validThrough has passed are not live, even before the expiry event lands. */
  readonly now: Date;
  /** Not a criterion (alerts have their own "since last run"): the API's `publishedSince`. */
  readonly publishedSince?: Date | null;
  /** `criteria.q` already parsed (the API parses once to report errors); parsed here otherwise. */
  readonly parsed?: ParsedQuery;
  readonly queryLimits?: Partial<QueryLimits>;
  readonly sort?: SearchSort;
  readonly size?: number;
  /** The sort values of the previous page's last hit (`search_after`). */
  readonly searchAfter?: readonly unknown[] | null;
}

export interface SearchRequestBody {
  query: OpenSearchQuery;
  sort: unknown[];
  size: number;
  search_after?: unknown[];
  track_total_hits: boolean | number;
  [key: string]: unknown;
}

/** The alias readers search (the indexer points it at the current generation). */
export const offerSearchAlias = (indexPrefix: string): string => `${indexPrefix}offers`;

const terms = (field: string, values: readonly string[]): OpenSearchQuery => ({
  terms: { [field]: [...values] },
});
const exists = (field: string): OpenSearchQuery => ({ exists: { field } });
const anyOf = (should: OpenSearchQuery[]): OpenSearchQuery => ({ bool: { should, minimum_should_match: 1 } });

/**
 * Live offers only. Withdrawn and expired offers stay in the index as versioned `gone` documents
 * (gone-offers.ts), which every read must exclude; a past validThrough hides an offer from the
 * moment it passes, before its expiry event is indexed.
 */
export function liveOfferClauses(now: Date): OpenSearchQuery[] {
  return [
    liveOffersFilter(),
    anyOf([
      { bool: { must_not: [exists(SEARCH_FIELDS.validThrough)] } },
      { range: { [SEARCH_FIELDS.validThrough]: { gte: now.toISOString() } } },
    ]),
  ];
}

/** The step `liveAt` rounds to: one minute. */
export const LIVE_CLAUSE_STEP_MS = 60_000;

/**
 * The time a search's live-offer clause is written for: `now` rounded up to the next whole minute.
 * Every search of one minute then carries the same clause, which the engine's query cache keeps
 * as a set of documents per segment instead of reading every match's validThrough again, and
 * segments are immutable, so a refresh does not invalidate it. An offer leaves the search up to a
 * minute before its validThrough, never after it.
 */
export function liveAt(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / LIVE_CLAUSE_STEP_MS) * LIVE_CLAUSE_STEP_MS);
}

function whereClause(where: ResolvedWhere): OpenSearchQuery {
  switch (where.kind) {
    case 'commune':
      return {
        geo_distance: {
          distance: `${where.radiusKm}km`,
          [SEARCH_FIELDS.geo]: { lat: where.centre.latitude, lon: where.centre.longitude },
        },
      };
    case 'department':
      return { term: { [SEARCH_FIELDS.department]: where.code } };
    case 'region':
      return { term: { [SEARCH_FIELDS.region]: where.code } };
  }
}

/** The highest stated salary (max, else min) reaches `min`; unsalaried offers when included. */
export function salaryClause(min: number, includeUnsalaried: boolean): OpenSearchQuery {
  const { salaryMin, salaryMax } = SEARCH_FIELDS;
  return anyOf([
    { range: { [salaryMax]: { gte: min } } },
    { bool: { must_not: [exists(salaryMax)], filter: [{ range: { [salaryMin]: { gte: min } } }] } },
    ...(includeUnsalaried ? [{ bool: { must_not: [exists(salaryMin), exists(salaryMax)] } }] : []),
  ]);
}

function checkWhere(criteria: SearchCriteria, place: ResolvedWhere | null): void {
  const where = criteria.where;
  const same =
    where === null
      ? place === null
      : place !== null &&
        place.kind === where.kind &&
        (where.kind === 'commune' ? place.kind === 'commune' && place.radiusKm === where.radiusKm : true);
  if (!same) throw new Error('buildSearchQuery: place must be resolveWhere(criteria.where)');
}

/**
 * The filters of `criteria` (no text, no scoring): one clause per criterion, exactly the semantics
 * of SearchCriteria (libs/contracts/src/common/search-criteria.ts), plus live offers only.
 */
export function searchFilters(
  criteria: SearchCriteria,
  place: ResolvedWhere | null,
  options: Pick<SearchQueryOptions, 'now' | 'publishedSince'>,
): OpenSearchQuery[] {
  checkWhere(criteria, place);
  const f = SEARCH_FIELDS;
  const filters: OpenSearchQuery[] = [...liveOfferClauses(options.now)];
  if (place !== null) {
    // Full-remote rule: a fully remote offer is wherever the candidate is.
    filters.push(
      criteria.remote.includes('full')
        ? anyOf([whereClause(place), { term: { [f.remote]: 'full' } }])
        : whereClause(place),
    );
  }
  if (criteria.remote.length > 0) filters.push(terms(f.remote, criteria.remote));
  if (criteria.contractTypes.length > 0) filters.push(terms(f.contract, criteria.contractTypes));
  if (criteria.workingTimes.length > 0) filters.push(terms(f.workingTime, criteria.workingTimes));
  if (criteria.romeCodes.length > 0) filters.push(terms(f.rome, criteria.romeCodes));
  if (criteria.minAnnualSalary !== null) {
    filters.push(salaryClause(criteria.minAnnualSalary, criteria.includeUnsalaried));
  }
  if (criteria.company !== null) filters.push({ term: { [f.company]: normalizeKeyword(criteria.company) } });
  if (options.publishedSince) {
    filters.push({ range: { [f.publishedAt]: { gte: options.publishedSince.toISOString() } } });
  }
  return filters;
}

/** The sort, ending with offerId so that `search_after` pages never skip nor repeat a tie. */
export function searchSort(sort: SearchSort, place: ResolvedWhere | null): unknown[] {
  const f = SEARCH_FIELDS;
  const tail = [{ [f.publishedAt]: 'desc' }, { [f.offerId]: 'asc' }];
  switch (sort) {
    case 'relevance':
      return [{ _score: 'desc' }, ...tail];
    case 'date':
      return tail;
    case 'distance': {
      if (place?.kind !== 'commune') {
        throw new SearchQueryError('SEARCH_SORT_NEEDS_COMMUNE', 'sort', 'distance needs a commune');
      }
      const geo = { lat: place.centre.latitude, lon: place.centre.longitude };
      return [{ _geo_distance: { [f.geo]: geo, order: 'asc', unit: 'km', distance_type: 'arc' } }, ...tail];
    }
  }
}

/**
 * The engine request for `criteria`: text through @vigie/analysis (every term required, title
 * boosted) in `must`, every other criterion in `filter` (cached, unscored), live offers only.
 * `place` is `resolveWhere(criteria.where, gazetteer)`. The alert matcher's differential test runs
 * this same body against the matcher's in-memory engine.
 */
export function buildSearchQuery(
  criteria: SearchCriteria,
  place: ResolvedWhere | null,
  options: SearchQueryOptions,
): SearchRequestBody {
  const parsed =
    options.parsed ??
    (criteria.q === null ? null : parseQuery(criteria.q, { field: 'q', limits: options.queryLimits }));
  const text = parsed === null ? { match_all: {} } : openSearchTextQuery(parsed, { boosts: SEARCH_BOOSTS });
  const sort = options.sort ?? (criteria.q === null ? 'date' : 'relevance');
  return {
    query: { bool: { must: [text], filter: searchFilters(criteria, place, options) } },
    sort: searchSort(sort, place),
    size: options.size ?? 20,
    ...(options.searchAfter ? { search_after: [...options.searchAfter] } : {}),
    track_total_hits: true,
  };
}
