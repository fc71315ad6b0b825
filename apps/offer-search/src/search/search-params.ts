import { isDomainQueryError, type ParsedQuery, parseQuery, type QueryLimits } from '@vigie/analysis';
import {
  CommuneCodeSchema,
  CRITERIA_PARAMS,
  criteriaFromParams,
  type ParamBag,
  type SearchCriteria,
} from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { SEARCH_SORTS, type SearchSort } from '@vigie/offer-index';
import type { CommuneDirectory } from '../places/commune-directory.port';
import { decodeCursor, type SearchCursor } from './search-cursor';

/** The search API's own parameters, beside the criteria's (CRITERIA_PARAMS). */
export const SEARCH_PARAMS = {
  sort: 'sort',
  size: 'size',
  after: 'after',
  publishedSince: 'publishedSince',
  facets: 'facets',
} as const;

const KNOWN = new Set<string>([...Object.values(CRITERIA_PARAMS), ...Object.values(SEARCH_PARAMS)]);

export interface SearchLimits {
  readonly maxPageSize: number;
  readonly maxDepth: number;
  readonly query: Partial<QueryLimits>;
}

export const DEFAULT_PAGE_SIZE = 20;

export type FieldError = { field: string; reason: string };

export class SearchParamsError extends DomainError<'SEARCH_INVALID_PARAMS'> {
  constructor(readonly fields: FieldError[]) {
    super('SEARCH_INVALID_PARAMS', fields.map((f) => `${f.field}: ${f.reason}`).join('; '), fields);
    this.name = 'SearchParamsError';
  }
}

export interface SearchRequest {
  readonly criteria: SearchCriteria;
  readonly parsed: ParsedQuery | null;
  readonly sort: SearchSort;
  readonly size: number;
  readonly cursor: SearchCursor | null;
  readonly publishedSince: Date | null;
  readonly facets: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Query-string parameters → a validated search request. Every error names its parameter, and all
 * are reported at once. Only known parameters are accepted (no `from`, no engine options), the
 * text is the safe syntax of @vigie/analysis (no fields, wildcards, regular expressions, scripts).
 */
export function parseSearchParams(
  params: ParamBag,
  limits: SearchLimits,
  communes: CommuneDirectory,
): SearchRequest {
  const errors: FieldError[] = [];
  for (const name of Object.keys(params)) {
    if (!KNOWN.has(name)) errors.push({ field: name, reason: 'unknown parameter' });
  }
  const one = (name: string): string | undefined => {
    const v = params[name];
    if (v === undefined || typeof v === 'string') return v;
    if (v.length > 1) errors.push({ field: name, reason: 'must be given once' });
    return v[0];
  };

  // A commune may be named; criteria hold its INSEE code.
  const bag: Record<string, string | readonly string[] | undefined> = { ...params };
  const commune = one(CRITERIA_PARAMS.commune);
  if (commune !== undefined && !CommuneCodeSchema.safeParse(commune).success) {
    const found = communes.named(commune);
    if (found) bag[CRITERIA_PARAMS.commune] = found.code;
    else
      errors.push({ field: CRITERIA_PARAMS.commune, reason: 'is neither an INSEE code nor a commune name' });
  } else if (commune !== undefined && communes.commune(commune) === null) {
    errors.push({ field: CRITERIA_PARAMS.commune, reason: `unknown commune ${commune}` });
  }
  const parsedCriteria = criteriaFromParams(bag);
  if (!parsedCriteria.ok) {
    for (const e of parsedCriteria.errors) {
      if (!errors.some((known) => known.field === e.field)) errors.push(e);
    }
  }
  const criteria = parsedCriteria.ok ? parsedCriteria.criteria : null;

  let parsed: ParsedQuery | null = null;
  if (criteria?.q) {
    try {
      parsed = parseQuery(criteria.q, { field: CRITERIA_PARAMS.q, limits: limits.query });
    } catch (e) {
      if (!isDomainQueryError(e)) throw e;
      errors.push(...(e.details ?? []));
    }
  }

  const sortRaw = one(SEARCH_PARAMS.sort);
  let sort: SearchSort = criteria?.q ? 'relevance' : 'date';
  if (sortRaw !== undefined) {
    if ((SEARCH_SORTS as readonly string[]).includes(sortRaw)) sort = sortRaw as SearchSort;
    else errors.push({ field: SEARCH_PARAMS.sort, reason: `must be one of ${SEARCH_SORTS.join(', ')}` });
  }
  if (sort === 'distance' && criteria !== null && criteria.where?.kind !== 'commune') {
    errors.push({ field: SEARCH_PARAMS.sort, reason: 'distance needs a commune' });
  }

  const sizeRaw = one(SEARCH_PARAMS.size);
  let size = Math.min(DEFAULT_PAGE_SIZE, limits.maxPageSize);
  if (sizeRaw !== undefined) {
    const n = Number(sizeRaw);
    if (!/^\d+$/.test(sizeRaw) || n < 1 || n > limits.maxPageSize) {
      errors.push({
        field: SEARCH_PARAMS.size,
        reason: `must be an integer from 1 to ${limits.maxPageSize}`,
      });
    } else size = n;
  }

  const afterRaw = one(SEARCH_PARAMS.after);
  let cursor: SearchCursor | null = null;
  if (afterRaw !== undefined) {
    const decoded = decodeCursor(afterRaw);
    if (typeof decoded === 'string') errors.push({ field: SEARCH_PARAMS.after, reason: decoded });
    else if (decoded.sort !== sort) {
      errors.push({ field: SEARCH_PARAMS.after, reason: `was made for sort=${decoded.sort}` });
    } else if (decoded.depth + size > limits.maxDepth) {
      errors.push({
        field: SEARCH_PARAMS.after,
        reason: `pages stop after ${limits.maxDepth} results; refine the search`,
      });
    } else cursor = decoded;
  }

  const sinceRaw = one(SEARCH_PARAMS.publishedSince);
  let publishedSince: Date | null = null;
  if (sinceRaw !== undefined) {
    const d = new Date(sinceRaw);
    if (!DATE.test(sinceRaw) || Number.isNaN(d.getTime())) {
      errors.push({ field: SEARCH_PARAMS.publishedSince, reason: 'must be an ISO 8601 date (2026-11-30)' });
    } else publishedSince = d;
  }

  const facetsRaw = one(SEARCH_PARAMS.facets);
  // By default on the first page only: facet counts go over every match, the costliest part of a
  // search over the whole index, and the next pages' counts are the first page's.
  let facets = cursor === null;
  if (facetsRaw !== undefined) {
    if (facetsRaw === 'true' || facetsRaw === 'false') facets = facetsRaw === 'true';
    else errors.push({ field: SEARCH_PARAMS.facets, reason: 'must be true or false' });
  }

  if (errors.length > 0 || criteria === null) throw new SearchParamsError(errors);
  return { criteria, parsed, sort, size, cursor, publishedSince, facets };
}
