import type { FeedFormat } from './feed-format';
import { FeedFormatError } from './feed-format-error';

/** Accepted media types (parameters such as `charset` aside), and the format each one selects. */
export const FEED_CONTENT_TYPES: Readonly<Record<string, FeedFormat>> = {
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/csv': 'csv',
  'application/ld+json': 'jsonld',
  'application/vnd.francetravail.offres+json': 'francetravail',
};

const ACCEPTED = Object.keys(FEED_CONTENT_TYPES).join(', ');

/** How many leading bytes detectFeedFormat needs at most (BOM and leading blanks included). */
export const FEED_SNIFF_BYTES = 1024;

/**
 * The feed's format from its declared Content-Type, checked against its first (decompressed) bytes:
 * a type not accepted is FEED_UNSUPPORTED_TYPE (415) naming the accepted ones; content of another
 * kind than declared (XML declared, JSON sent) is FEED_FORMAT_MISMATCH; UTF-16/32 is
 * FEED_ENCODING_INVALID (feeds are UTF-8; XML may declare another charset, checked by its parser).
 */
export function detectFeedFormat(declaredContentType: string | undefined, firstBytes: Buffer): FeedFormat {
  const mediaType = (declaredContentType ?? '').split(';')[0]!.trim().toLowerCase();
  const format = Object.hasOwn(FEED_CONTENT_TYPES, mediaType) ? FEED_CONTENT_TYPES[mediaType] : undefined;
  if (format === undefined) {
    const shown = mediaType === '' ? 'no content type' : `content type '${mediaType}'`;
    throw new FeedFormatError('FEED_UNSUPPORTED_TYPE', `${shown} is not accepted; accepted: ${ACCEPTED}`, [
      { field: 'content-type', reason: `must be one of ${ACCEPTED}` },
    ]);
  }
  if (hasUtf16Or32Bom(firstBytes)) {
    throw new FeedFormatError('FEED_ENCODING_INVALID', 'the feed is UTF-16 or UTF-32; feeds are UTF-8', [
      { field: 'body', reason: 'must be UTF-8' },
    ]);
  }
  const seen = contentKind(firstBytes);
  if (seen !== 'empty' && !EXPECTED_KINDS[format].includes(seen)) {
    throw new FeedFormatError(
      'FEED_FORMAT_MISMATCH',
      `declared ${mediaType} (${format}) but the content looks like ${KIND_NAMES[seen]}`,
      [{ field: 'content-type', reason: `does not match the content (${KIND_NAMES[seen]})` }],
    );
  }
  return format;
}

type ContentKind = 'empty' | 'xml' | 'json-object' | 'json-array' | 'text' | 'binary';

const KIND_NAMES: Readonly<Record<ContentKind, string>> = {
  empty: 'nothing',
  xml: 'XML',
  'json-object': 'a JSON object',
  'json-array': 'a JSON array',
  text: 'delimited text',
  binary: 'binary data',
};

const EXPECTED_KINDS: Readonly<Record<FeedFormat, readonly ContentKind[]>> = {
  // JSON Lines: one object per line; a top-level array is a JSON document, not lines.
  jsonl: ['json-object'],
  xml: ['xml'],
  csv: ['text'],
  jsonld: ['json-object', 'json-array'],
  francetravail: ['json-object', 'json-array'],
};

function contentKind(bytes: Buffer): ContentKind {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && isBlank(bytes[i]!)) i += 1;
  if (i >= bytes.length) return 'empty';
  if (bytes.subarray(i, Math.min(bytes.length, i + FEED_SNIFF_BYTES)).includes(0)) return 'binary';
  const first = bytes[i];
  if (first === 0x3c /* < */) return 'xml';
  if (first === 0x7b /* { */) return 'json-object';
  if (first === 0x5b /* [ */) return 'json-array';
  return 'text';
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function hasUtf16Or32Bom(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}
