import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FeedFormatError } from './feed-format-error';

export interface OpenFeedStreamOptions {
  /** The request's Content-Encoding, when it has one. */
  contentEncoding?: string;
  /** Cap on the body once decompressed (bad-input row X6: a 1000:1 gzip bomb is stopped here). */
  maxDecompressedBytes: number;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * The feed's bytes as the parsers read them: decompressed when the body is gzip (by Content-Encoding
 * or, since ATS often upload `.gz` files without saying so, by the 1f 8b magic), deflate or br, and
 * cut with FEED_TOO_LARGE as soon as the decompressed size passes the cap, so a bomb never inflates
 * further than the cap. A corrupt compressed body is FEED_MALFORMED.
 */
export function openFeedStream(raw: Readable, options: OpenFeedStreamOptions): Readable {
  const encoding = normaliseEncoding(options.contentEncoding);
  return Readable.from(capped(decoded(raw, encoding), options.maxDecompressedBytes), { objectMode: false });
}

type Encoding = 'identity' | 'gzip' | 'deflate' | 'br';

function normaliseEncoding(header: string | undefined): Encoding {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate') return 'deflate';
  if (value === 'br') return 'br';
  throw new FeedFormatError(
    'FEED_ENCODING_UNSUPPORTED',
    `content-encoding '${value}' is not supported; accepted: gzip, deflate, br, identity`,
    [{ field: 'content-encoding', reason: `'${value}' is not one of gzip, deflate, br, identity` }],
  );
}

async function* decoded(raw: Readable, encoding: Encoding): AsyncGenerator<Buffer> {
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  // Read enough to see the magic (a first chunk may be a single byte).
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < GZIP_MAGIC.length) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  const rest = prepend(head, done ? emptyIterator() : chunks);
  const gzipped = encoding === 'gzip' || (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]);
  if (encoding === 'identity' && !gzipped) {
    yield* rest;
    return;
  }
  const inflater = gzipped
    ? createGunzip()
    : encoding === 'deflate'
      ? createInflate()
      : createBrotliDecompress();
  const source = Readable.from(rest, { objectMode: false });
  source.on('error', (error) => inflater.destroy(error));
  source.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    if (!isZlibError(error)) throw error;
    throw new FeedFormatError('FEED_MALFORMED', `the compressed body is corrupt (${error.message})`, [
      { field: 'body', reason: 'corrupt compressed data' },
    ]);
  } finally {
    source.destroy();
  }
}

async function* capped(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new FeedFormatError('FEED_TOO_LARGE', `the feed exceeds ${maxBytes} bytes once decompressed`, [
        { field: 'body', reason: `more than ${maxBytes} bytes once decompressed` },
      ]);
    }
    yield chunk;
  }
}

async function* prepend(head: Buffer, tail: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await tail.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  } finally {
    // A reader that stops early (cap reached, parser fault) releases the request body too.
    await tail.return?.();
  }
}

function emptyIterator(): AsyncIterator<Buffer> {
  return { next: () => Promise.resolve({ done: true, value: undefined }) };
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

// Duck-typed: zlib's errors may come from another realm (Jest's sandbox), where instanceof fails.
function isZlibError(error: unknown): error is { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
