import { type MatchableOffer, type PreparedOffer, prepareOffer } from '../engine';

/**
 * Offers analysed once per process, not once per shard: every owned shard's consumer reads the
 * same offers.offer.indexed.v2 record, and the analysis of its text was, at a few engines per
 * process, as costly as the look-ups themselves. An entry is dropped once every shard took it; the
 * cap bounds what shards that drift apart (one behind a backlog, a redelivery) can pin, and past it
 * a shard simply analyses the offer again (same answer, more work).
 */
export class PreparedOffers {
  private readonly entries = new Map<string, { prepared: PreparedOffer; takers: number }>();

  constructor(
    private readonly shards: number,
    private readonly capacity = 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The offer of this version, analysed; `offer` is built only on the first shard's call. */
  take(offerId: string, version: number, offer: () => MatchableOffer): PreparedOffer {
    const key = `${offerId}@${version}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { prepared: prepareOffer(offer()), takers: 0 };
      this.entries.set(key, entry);
      // Map iteration is insertion order: the first key is the oldest entry.
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    if (++entry.takers >= this.shards) this.entries.delete(key);
    return entry.prepared;
  }
}
