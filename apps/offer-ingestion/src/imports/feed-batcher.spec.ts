import type { FeedItem } from './formats/feed-format';
import { FeedBatcher } from './feed-batcher';

const item = (position: number): FeedItem => ({ position, externalRef: `R-${position}` });

/** Feeds `sizes` (bytes of each item) through a batcher; returns the positions of each batch. */
function batchesOf(sut: FeedBatcher, sizes: number[]): number[][] {
  const out: number[][] = [];
  let bytesRead = 0;
  sizes.forEach((size, i) => {
    bytesRead += size;
    const full = sut.add(item(i + 1), bytesRead);
    if (full) out.push(full.map((f) => f.position));
  });
  const rest = sut.rest();
  if (rest) out.push(rest.map((f) => f.position));
  return out;
}

describe('FeedBatcher', () => {
  it('cuts small records into batches of the item count, the last one partial', () => {
    const sut = new FeedBatcher(3, 1_000_000);

    expect(batchesOf(sut, [100, 100, 100, 100, 100, 100, 100])).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('closes a batch early once it spans the byte bound', () => {
    const sut = new FeedBatcher(500, 1_000);

    expect(batchesOf(sut, [400, 400, 400, 100, 2_000, 10])).toEqual([[1, 2, 3], [4, 5], [6]]);
  });

  it('counts bytes from where the previous batch ended, not from the start of the feed', () => {
    const sut = new FeedBatcher(500, 1_000);

    expect(batchesOf(sut, [999, 1, 500, 499, 1])).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('gives nothing more once the feed ended on a full batch', () => {
    const sut = new FeedBatcher(2, 1_000_000);

    expect(batchesOf(sut, [1, 1, 1, 1])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(sut.rest()).toBeNull();
  });
});
