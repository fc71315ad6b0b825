import type { Readable } from 'node:stream';
import type { FeedFormat, FeedParser } from './formats/feed-format';

export interface DeclaredFeed {
  contentType: string | null;
  contentEncoding: string | null;
  /** The format a registered feed declares, used when its server sends no accepted type. */
  formatHint?: FeedFormat;
}

export interface OpenedFeed {
  format: FeedFormat;
  /** The decompressed bytes, from the first one; fails once past the size cap. */
  body: Readable;
}

/**
 * Port over the feed formats: undoing the content encoding (the size cap counted after
 * decompression), choosing the format from the declared type checked against the first bytes,
 * and each format's streaming parser. Faults are coded DomainErrors (FeedFormatErrorCode).
 */
export abstract class FeedFormatCatalog {
  abstract open(raw: Readable, declared: DeclaredFeed, maxBytes: number): Promise<OpenedFeed>;
  abstract parserFor(format: FeedFormat): FeedParser;
}
