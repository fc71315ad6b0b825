import type { Readable } from 'node:stream';

/**
 * Port between the feed parsers (one per format, streaming) and the import job that consumes them.
 * A parser reads a decompressed byte stream and yields one FeedItem per offer *in feed order*,
 * never buffering the whole feed. It maps the format's fields onto the shape of OfferInputSchema
 * (`offers/offer-input.schema.ts`); validation and normalisation stay in the import use case, so
 * every format gets the same rules and the same field errors.
 *
 * A record the parser cannot read at all (broken CSV row, a `<job>` without text) is yielded as an
 * item with `errors` and no `candidate`, so the report names it and the rest of the feed goes on.
 * A fault of the whole document (DOCTYPE, malformed XML, depth or size caps) is thrown as a
 * FeedFormatError: items already yielded stay valid, the job stops and reports the code.
 */
export const FEED_FORMATS = ['jsonl', 'xml', 'csv', 'jsonld', 'francetravail'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface FeedFieldError {
  /** Path in OfferInput terms when known (`salary.min`), else the source field (`<salary>`, `column 7`). */
  field: string;
  reason: string;
}

export interface FeedItem {
  /** 1-based position of the record in the feed (row, `<job>` element, line, array element). */
  position: number;
  /** The recruiter's reference for the record when it could be read, for the report. */
  externalRef?: string;
  /** The record mapped onto OfferInputSchema's shape; validated later. Absent when unreadable. */
  candidate?: Record<string, unknown>;
  /** Errors found while reading the record (the item is then rejected with reason FEED_RECORD_INVALID). */
  errors?: FeedFieldError[];
}

/** What a feed may declare about itself (Indeed `<source>` header, CSV/JSON metadata), when it does. */
export interface FeedDeclaration {
  /** Number of offers the feed says it holds: checked by snapshot mode's truncation guard. */
  expectedCount?: number;
}

export interface FeedParseLimits {
  /** Largest single record, in bytes of source text. */
  maxRecordBytes: number;
  /** XML / JSON nesting depth. */
  maxDepth: number;
}

export interface FeedParser {
  readonly format: FeedFormat;
  /** Streams the items. `onDeclaration` is called at most once, as soon as the header is read. */
  parse(
    source: Readable,
    limits: FeedParseLimits,
    onDeclaration?: (d: FeedDeclaration) => void,
  ): AsyncIterable<FeedItem>;
}

/**
 * Faults of a whole feed. Suggested HTTP statuses for the import transport: FEED_UNSUPPORTED_TYPE
 * and FEED_ENCODING_UNSUPPORTED 415, FEED_TOO_LARGE 413, every other code 422.
 */
export type FeedFormatErrorCode =
  | 'FEED_UNSUPPORTED_TYPE'
  | 'FEED_ENCODING_UNSUPPORTED'
  | 'FEED_TOO_LARGE'
  | 'FEED_MALFORMED'
  | 'FEED_DOCTYPE_FORBIDDEN'
  | 'FEED_TOO_DEEP'
  | 'FEED_RECORD_TOO_LARGE'
  | 'FEED_ENCODING_INVALID'
  | 'FEED_FORMAT_MISMATCH'
  | 'FEED_TEXT_TOO_LONG'
  | 'FEED_TOO_MANY_ELEMENTS';
