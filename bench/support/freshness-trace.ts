/**
 * Where an offer's freshness goes, hop by hop, from timestamps the pipeline already carries: the
 * bench's own clock when the HTTP response accepted the offer, the Kafka CreateTime of its
 * offers.offer.changed.v2 record (set by ingestion's outbox relay when it publishes), of its
 * offers.offer.indexed.v2 record (the indexer's relay), the match's `matchedAt` (the matcher's
 * insert transaction, after matching) and the CreateTime of the match event (the matcher's relay),
 * and the bench's clock when its watcher read that event. Every process runs on one machine, so
 * one clock.
 */
export const HOPS = [
  ['accepted', 'changed', 'ingestion relay: accepted → offers.offer.changed.v2 published'],
  ['changed', 'indexed', 'indexer: changed → offers.offer.indexed.v2 published'],
  ['indexed', 'matchedAt', 'matcher: indexed → match inserted'],
  ['matchedAt', 'matchPublished', 'matcher relay: inserted → match event published'],
  ['matchPublished', 'watched', 'watcher: published → read'],
] as const;

export type TracePoint = (typeof HOPS)[number][0 | 1];

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The first time each point was seen, per offer (redeliveries and copies keep the first). */
export class FreshnessTrace {
  private readonly points = new Map<string, Partial<Record<TracePoint, number>>>();

  mark(offerId: string, point: TracePoint, at: number): void {
    let trace = this.points.get(offerId);
    if (trace === undefined) this.points.set(offerId, (trace = {}));
    trace[point] ??= at;
  }

  /** Per hop, over the offers that reached both ends: p50/p95/p99, flat keys for the results file. */
  hopPercentiles(offers: Iterable<string>): Record<string, number> {
    const out: Record<string, number> = {};
    const traces = [...offers].map((id) => this.points.get(id) ?? {});
    for (const [from, to] of HOPS) {
      const spans = traces
        .filter((t) => t[from] !== undefined && t[to] !== undefined)
        .map((t) => t[to]! - t[from]!)
        .sort((a, b) => a - b);
      for (const p of [50, 95, 99]) out[`hop_${from}_to_${to}_p${p}_ms`] = percentile(spans, p);
    }
    return out;
  }

  /** The points an offer reached, relative to its acceptance, to say where a missing one stopped. */
  describe(offerId: string): string {
    const trace = this.points.get(offerId) ?? {};
    const origin = trace.accepted ?? 0;
    const seen = Object.entries(trace).map(([point, at]) => `${point} +${at - origin} ms`);
    return seen.length === 0 ? 'never seen' : seen.join(', ');
  }
}
