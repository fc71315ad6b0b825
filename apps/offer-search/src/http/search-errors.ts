import { isDomainQueryError } from '@vigie/analysis';
import { isDomainError } from '@vigie/kernel';
import type { SearchQueryErrorCode } from '@vigie/offer-index';
import { AppError } from '@vigie/platform';
import type { SearchUnavailableError } from '../search/offer-search-index.port';

const QUERY_CODES: readonly SearchQueryErrorCode[] = ['SEARCH_UNKNOWN_COMMUNE', 'SEARCH_SORT_NEEDS_COMMUNE'];

/** The one mapping of this service's domain errors to HTTP; anything else is rethrown as is. */
export function toHttpError(e: unknown): unknown {
  if (isDomainError(e, ['SEARCH_INVALID_PARAMS', ...QUERY_CODES]) || isDomainQueryError(e)) {
    return new AppError('VALIDATION_FAILED', e.message, e.details ?? []);
  }
  if (isDomainError<'OFFER_NOT_FOUND'>(e, ['OFFER_NOT_FOUND'])) return AppError.notFound('offer');
  if (isDomainError<SearchUnavailableError['code']>(e, ['SEARCH_UNAVAILABLE'])) {
    return new AppError('DEPENDENCY_UNAVAILABLE', 'search engine unavailable; retry later');
  }
  return e;
}
