import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { FeedFormatError } from '../feed-format-error';

/** Charsets an XML feed may declare, and the decoder that reads each (WHATWG names). */
const CHARSETS: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  // WHATWG decodes ISO-8859-1 as windows-1252 too: its C1 range holds €, œ, ’ in real French feeds.
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  latin9: 'iso-8859-15',
};

const DECLARATION = /^(?:\xef\xbb\xbf)?\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * The text of an XML feed (bad-input row X9): the charset of its declaration (UTF-8 when none is
 * declared) transcoded to UTF-16 strings, so `é` in windows-1252 is `é`. Bytes that are not valid in
 * the charset are FEED_ENCODING_INVALID, never silently U+FFFD; an undeclarable charset is refused.
 */
export async function* xmlText(source: Readable): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  let offset = 0;
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch {
      throw new FeedFormatError(
        'FEED_ENCODING_INVALID',
        `the feed is not valid ${decoder!.encoding} near byte ${offset}`,
        [{ field: 'body', reason: `not valid ${decoder!.encoding}` }],
      );
    }
  };
  for await (const raw of source) {
    const chunk = raw as Buffer;
    if (decoder === undefined) {
      head = Buffer.concat([head, chunk]);
      // The declaration ends with `?>` within its first line; 256 bytes are plenty.
      if (head.length < 256 && !head.includes('?>') && head.length > 0) continue;
      decoder = decoderFor(head);
      const text = decode(head, true);
      offset += head.length;
      if (text.length > 0) yield text;
      continue;
    }
    const text = decode(chunk, true);
    offset += chunk.length;
    if (text.length > 0) yield text;
  }
  decoder ??= decoderFor(head);
  if (head.length > 0 && offset === 0) {
    const text = decode(head, false);
    if (text.length > 0) yield text;
    return;
  }
  const tail = decode(Buffer.alloc(0), false);
  if (tail.length > 0) yield tail;
}

function decoderFor(head: Buffer): TextDecoder {
  const declared = DECLARATION.exec(head.toString('latin1'))?.[1]?.toLowerCase();
  const charset =
    declared === undefined ? 'utf-8' : Object.hasOwn(CHARSETS, declared) ? CHARSETS[declared] : undefined;
  if (charset === undefined) {
    throw new FeedFormatError(
      'FEED_ENCODING_INVALID',
      `the declared encoding '${declared}' is not supported; accepted: UTF-8, windows-1252, ISO-8859-1, ISO-8859-15`,
      [{ field: 'encoding', reason: `'${declared}' is not supported` }],
    );
  }
  // The BOM is not text; fatal: bad bytes are reported, never replaced.
  return new TextDecoder(charset, { fatal: true, ignoreBOM: false });
}
