import type { Readable } from 'node:stream';
import { DomainError } from '@vigie/kernel';

export interface FeedFetchRequest {
  url: string;
  /** Validators of the last successful fetch, for a conditional GET. */
  etag: string | null;
  lastModified: string | null;
}

export type FeedFetchOutcome =
  | { kind: 'not-modified'; finalUrl: string }
  | {
      kind: 'body';
      finalUrl: string;
      /** The body as it comes (capped in size and time: it errors with TOO_LARGE or TIMEOUT). */
      body: Readable;
      contentType: string | null;
      contentEncoding: string | null;
      etag: string | null;
      lastModified: string | null;
    };

export type FeedFetchErrorCode =
  | 'EGRESS_REFUSED'
  | 'DNS_FAILED'
  | 'CONNECT_FAILED'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'HTTP_STATUS'
  | 'TOO_MANY_REDIRECTS';

export class FeedFetchError extends DomainError<FeedFetchErrorCode> {}

/** Port: fetches a registered feed URL within the egress policy. Failures are FeedFetchErrors. */
export abstract class FeedFetcher {
  abstract fetch(request: FeedFetchRequest): Promise<FeedFetchOutcome>;
}
