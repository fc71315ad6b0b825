import type { Readable } from 'node:stream';

export type Line =
  | { number: number; text: string }
  | { number: number; error: 'too_long'; bytes: number }
  | { number: number; error: 'invalid_utf8' };

const NEWLINE = 0x0a;

/**
 * Lines of a byte stream, numbered from 1, without their `\n` / `\r\n` and the first line's BOM.
 * A line longer than `maxLineBytes` is skipped as it streams (never held whole) and reported; bytes
 * that are not UTF-8 are reported, never turned into U+FFFD. Splitting on 0x0A is safe in UTF-8.
 */
export async function* readLines(source: Readable, maxLineBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let pieces: Buffer[] = [];
  let pending = 0;
  let oversize = false;
  let number = 0;

  const finish = (): Line => {
    number += 1;
    if (oversize) return { number, error: 'too_long', bytes: pending };
    let bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, pending);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    if (number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    try {
      return { number, text: decoder.decode(bytes) };
    } catch {
      return { number, error: 'invalid_utf8' };
    }
  };
  const reset = () => {
    pieces = [];
    pending = 0;
    oversize = false;
  };
  const add = (part: Buffer) => {
    pending += part.length;
    // The `\r` of a CRLF line does not count against the cap.
    if (pending > maxLineBytes + 1) {
      oversize = true;
      pieces = [];
    } else if (!oversize && part.length > 0) pieces.push(part);
  };

  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      add(chunk.subarray(start, end));
      yield finish();
      reset();
      start = end + 1;
    }
    if (start < chunk.length) add(chunk.subarray(start));
  }
  if (pending > 0 || oversize) yield finish();
}
