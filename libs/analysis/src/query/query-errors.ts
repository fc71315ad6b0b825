import { DomainError, isDomainError } from '@vigie/kernel';

export type QueryErrorCode = 'QUERY_TOO_LONG' | 'QUERY_TOO_MANY_TERMS' | 'QUERY_PHRASE_TOO_LONG';

export const QUERY_ERROR_CODES: readonly QueryErrorCode[] = [
  'QUERY_TOO_LONG',
  'QUERY_TOO_MANY_TERMS',
  'QUERY_PHRASE_TOO_LONG',
];

export class QueryError extends DomainError<QueryErrorCode> {
  constructor(code: QueryErrorCode, field: string, reason: string) {
    super(code, `${field}: ${reason}`, [{ field, reason }]);
    this.name = 'QueryError';
  }
}

export function isDomainQueryError(error: unknown): error is QueryError {
  return isDomainError(error, QUERY_ERROR_CODES);
}
