import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { chunkedStream } from '@vigie/testing';
import { FeedFormatError } from './feed-format-error';
import { openFeedStream } from './open-feed-stream';

const body = Buffer.from('{"externalRef":"a"}\n'.repeat(500), 'utf8');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function failure(stream: Readable): Promise<FeedFormatError> {
  try {
    await readAll(stream);
  } catch (error) {
    if (error instanceof FeedFormatError) return error;
    throw error;
  }
  throw new Error('the stream ended without an error');
}

describe('openFeedStream', () => {
  it('passes a plain body through unchanged', async () => {
    expect(await readAll(openFeedStream(chunkedStream(body, 7), { maxDecompressedBytes: 1e6 }))).toEqual(
      body,
    );
  });

  it('gunzips a body sent without Content-Encoding, recognised by its magic bytes split across chunks', async () => {
    const sut = openFeedStream(chunkedStream(gzipSync(body), 1), { maxDecompressedBytes: 1e6 });

    expect(await readAll(sut)).toEqual(body);
  });

  it.each([
    ['gzip', gzipSync(body)],
    ['x-gzip', gzipSync(body)],
    ['deflate', deflateSync(body)],
    ['br', brotliCompressSync(body)],
    ['identity', body],
  ])('decodes Content-Encoding %s', async (contentEncoding, encoded) => {
    const sut = openFeedStream(chunkedStream(encoded, 100), { contentEncoding, maxDecompressedBytes: 1e6 });

    expect(await readAll(sut)).toEqual(body);
  });

  it('X6: stops a 1000:1 gzip bomb at the cap counted after decompression, reading little of the body', async () => {
    const bomb = gzipSync(Buffer.alloc(128 * 1024 * 1024, 0x20));
    let compressedRead = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < bomb.length; i += 1024) {
          compressedRead += Math.min(1024, bomb.length - i);
          yield bomb.subarray(i, i + 1024);
        }
      })(),
      { objectMode: false },
    );

    const error = await failure(openFeedStream(source, { maxDecompressedBytes: 1024 * 1024 }));

    expect(bomb.length / (128 * 1024 * 1024)).toBeLessThan(1 / 500);
    expect(error.code).toBe('FEED_TOO_LARGE');
    expect(error.message).toContain('1048576 bytes once decompressed');
    // Only what the pipe buffers past the cap is read: the rest of the bomb is never inflated.
    expect(compressedRead).toBeLessThan(bomb.length / 2);
  });

  it('counts a plain body against the cap too', async () => {
    const error = await failure(
      openFeedStream(chunkedStream(body, 100), { maxDecompressedBytes: body.length - 1 }),
    );

    expect(error.code).toBe('FEED_TOO_LARGE');
  });

  it('accepts a body exactly at the cap', async () => {
    const sut = openFeedStream(chunkedStream(gzipSync(body)), { maxDecompressedBytes: body.length });

    expect((await readAll(sut)).length).toBe(body.length);
  });

  it('reports a truncated gzip body as FEED_MALFORMED', async () => {
    const gz = gzipSync(body);

    const error = await failure(
      openFeedStream(chunkedStream(gz.subarray(0, gz.length - 20)), { maxDecompressedBytes: 1e6 }),
    );

    expect(error.code).toBe('FEED_MALFORMED');
  });

  it('refuses an unknown Content-Encoding naming the accepted ones', () => {
    const open = () =>
      openFeedStream(chunkedStream(body), { contentEncoding: 'zstd', maxDecompressedBytes: 1e6 });

    expect(open).toThrow(
      expect.objectContaining({
        code: 'FEED_ENCODING_UNSUPPORTED',
        message: expect.stringContaining('gzip, deflate, br, identity'),
      }),
    );
  });

  it('yields nothing for an empty body', async () => {
    expect((await readAll(openFeedStream(Readable.from([]), { maxDecompressedBytes: 10 }))).length).toBe(0);
  });
});
