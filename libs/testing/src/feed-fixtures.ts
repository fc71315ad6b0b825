import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { repoRoot } from './repo-root';

const FEED_FIXTURES = join(repoRoot(), 'apps', 'offer-ingestion', 'test-fixtures', 'feeds');

/** A feed fixture's bytes (`jsonl/offers.jsonl`), from apps/offer-ingestion/test-fixtures/feeds. */
export function feedFixture(name: string): Buffer {
  return readFileSync(join(FEED_FIXTURES, name));
}

/** The golden items expected from a fixture: `<name>.expected.json` beside it, written by reading the input. */
export function feedGolden<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FEED_FIXTURES, `${name}.expected.json`), 'utf8')) as T;
}

/** A byte stream of `bytes` cut into `chunkBytes` chunks, so parsers meet every chunk boundary. */
export function chunkedStream(bytes: Buffer | string, chunkBytes = 64 * 1024): Readable {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunkBytes) chunks.push(buffer.subarray(i, i + chunkBytes));
  return Readable.from(chunks, { objectMode: false });
}

/** Every element of an async iterable, in order. */
export async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
