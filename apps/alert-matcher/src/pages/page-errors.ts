import { DomainError } from '@vigie/kernel';

export type PageErrorCode = 'INVALID_LINK' | 'ALERT_GONE' | 'STALE_FORM' | 'NOT_ALLOWED' | 'FORM_TOO_LARGE';

/** Why a candidate page cannot do what was asked; mapped once to a status and a page (page-error.filter.ts). */
export class PageError extends DomainError<PageErrorCode> {}

export const invalidLink = () => new PageError('INVALID_LINK', 'invalid or expired link');
