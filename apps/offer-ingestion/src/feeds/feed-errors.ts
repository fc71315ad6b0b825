import { DomainError } from '@vigie/kernel';

export type FeedErrorCode = 'FEED_URL_REFUSED' | 'FEED_NOT_FOUND';

export class FeedError extends DomainError<FeedErrorCode> {}
