import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DeclaredFeed, FeedFormatCatalog, OpenedFeed } from './feed-format-catalog.port';
import {
  detectFeedFormat,
  FEED_CONTENT_TYPES,
  FEED_SNIFF_BYTES,
  type FeedFormat,
  type FeedParser,
  openFeedStream,
  parserFor,
  peekStream,
} from './formats';

const TYPE_OF_FORMAT = new Map<FeedFormat, string>();
for (const [type, format] of Object.entries(FEED_CONTENT_TYPES)) {
  if (!TYPE_OF_FORMAT.has(format)) TYPE_OF_FORMAT.set(format, type);
}

function isAccepted(contentType: string | null): boolean {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(FEED_CONTENT_TYPES, media);
}

/** FeedFormatCatalog over the formats module (openFeedStream, detectFeedFormat, parserFor). */
@Injectable()
export class FormatsFeedFormatCatalog extends FeedFormatCatalog {
  async open(raw: Readable, declared: DeclaredFeed, maxBytes: number): Promise<OpenedFeed> {
    const decoded = openFeedStream(raw, {
      ...(declared.contentEncoding ? { contentEncoding: declared.contentEncoding } : {}),
      maxDecompressedBytes: maxBytes,
    });
    const { head, stream } = await peekStream(decoded, FEED_SNIFF_BYTES);
    // A feed server often answers text/plain or octet-stream: the registered format then decides.
    const type =
      declared.formatHint && !isAccepted(declared.contentType)
        ? TYPE_OF_FORMAT.get(declared.formatHint)
        : (declared.contentType ?? undefined);
    return { format: detectFeedFormat(type, head), body: stream };
  }

  parserFor(format: FeedFormat): FeedParser {
    return parserFor(format);
  }
}
