import type { FeedFormat, FeedParser } from './formats/feed-format';

/** Port: which feed format a declared Content-Type names, and the streaming parser of each format. */
export abstract class FeedFormatCatalog {
  /** The media types accepted, named in a 415. */
  abstract acceptedTypes(): readonly string[];
  /** Null when the type names no supported format; `hint` is the format a registered feed declared. */
  abstract detect(contentType: string | null, hint?: FeedFormat): FeedFormat | null;
  abstract parserFor(format: FeedFormat): FeedParser | null;
}
