import type { FeedItem } from './formats/feed-format';

/**
 * Cuts the items of a feed into batches of at most `maxItems`, and closes a batch early once it
 * spans `maxBytes` of the feed: 500 records of 1 MiB would otherwise be one batch of 500 MiB, and
 * an import holds up to three batches (being read, prepared, committing). Bytes are those the
 * parser has read so far, which run ahead of the items by what it buffers, so the bound holds to
 * within a read chunk.
 */
export class FeedBatcher {
  private batch: FeedItem[] = [];
  private fromByte = 0;

  constructor(
    private readonly maxItems: number,
    private readonly maxBytes: number,
  ) {}

  /** Adds the item read when `bytesRead` bytes of the feed had been read; returns a full batch. */
  add(item: FeedItem, bytesRead: number): FeedItem[] | null {
    this.batch.push(item);
    if (this.batch.length < this.maxItems && bytesRead - this.fromByte < this.maxBytes) return null;
    this.fromByte = bytesRead;
    return this.take();
  }

  /** The items of a batch not full when the feed ended, if any. */
  rest(): FeedItem[] | null {
    return this.batch.length > 0 ? this.take() : null;
  }

  private take(): FeedItem[] {
    const full = this.batch;
    this.batch = [];
    return full;
  }
}
