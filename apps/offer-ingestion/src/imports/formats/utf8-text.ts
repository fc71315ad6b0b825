import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { FeedFormatError } from './feed-format-error';

/**
 * A UTF-8 byte stream as strings, the BOM dropped; invalid bytes are FEED_ENCODING_INVALID rather
 * than U+FFFD, which Buffer#toString would store without a word.
 */
export async function* utf8Text(source: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new FeedFormatError('FEED_ENCODING_INVALID', `the feed is not valid UTF-8 near byte ${offset}`, [
        { field: 'body', reason: 'not valid UTF-8' },
      ]);
    }
  };
  for await (const chunk of source) {
    const text = decode(chunk as Buffer, true);
    offset += (chunk as Buffer).length;
    if (text.length > 0) yield text;
  }
  const tail = decode(Buffer.alloc(0), false);
  if (tail.length > 0) yield tail;
}
