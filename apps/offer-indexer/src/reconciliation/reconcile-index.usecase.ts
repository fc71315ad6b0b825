import { Clock } from '@vigie/kernel';
import { IndexingOutcome, OfferChange } from '../indexing/index-offers.usecase';
import { IndexedEntry, OfferIndex } from '../indexing/offer-index.port';
import { OfferSource, SourceVersion } from './offer-source.port';

/** Ways the index can differ from the offers database. */
export type DriftKind =
  /** The database has the offer, the index has nothing for it. */
  | 'missing'
  /** The index holds an older version than the database. */
  | 'stale'
  /** The index holds a newer version than the database (a restored database?): reported, never lowered. */
  | 'ahead'
  /** The index holds an offer the database does not know. */
  | 'orphan';

export const DRIFT_KINDS: readonly DriftKind[] = ['missing', 'stale', 'ahead', 'orphan'];

export interface ReconcileSettings {
  /** Offers compared per page on each side. */
  pageSize: number;
  /** Changes younger than this are still on their way through Kafka: not drift yet. */
  graceMs: number;
}

export interface DriftReport {
  /** Offers of the database compared (settled ones). */
  compared: number;
  drift: Record<DriftKind, number>;
  /** Offers written again from the database, and orphans removed. */
  repaired: number;
  /** Repairs the index refused (dead letters of a repair: logged, counted). */
  failed: number;
}

/**
 * What writes changes read from the database into an index: the indexing use case (which also
 * announces them), or a reindex's backfill writer (the next generation only, announcing nothing).
 */
export interface OfferChangeWriter {
  execute<C extends OfferChange>(changes: readonly C[]): Promise<IndexingOutcome<C>>;
}

/**
 * Compares the offers database with the index, id by id and version by version, and repairs the
 * difference: a missing or stale offer is written again from the database through the indexing use
 * case (external versions, so a newer event meanwhile still wins, and the offer is announced on
 * offers.offer.indexed.v2 as any indexing is, since whatever missed the index missed the matcher
 * too); an orphan is removed. Both sides are read in offer id order and walked side by side, one
 * page at a time, so memory stays flat at any size.
 */
export class ReconcileIndexUseCase {
  constructor(
    private readonly source: OfferSource,
    private readonly index: OfferIndex,
    private readonly indexOffers: OfferChangeWriter,
    private readonly clock: Clock,
  ) {}

  async execute(settings: ReconcileSettings, options: { repair: boolean }): Promise<DriftReport> {
    const report: DriftReport = {
      compared: 0,
      drift: { missing: 0, stale: 0, ahead: 0, orphan: 0 },
      repaired: 0,
      failed: 0,
    };
    const settledBefore = this.clock.nowMs() - settings.graceMs;
    const db = new PagedCursor((after) => this.source.versions(after, settings.pageSize));
    const ix = new PagedCursor((after) => this.index.entries(after, settings.pageSize));
    const rewrite: string[] = [];
    const orphans: string[] = [];
    const flush = async (force: boolean) => {
      if (!options.repair) {
        rewrite.length = 0;
        orphans.length = 0;
        return;
      }
      if (rewrite.length > 0 && (force || rewrite.length >= settings.pageSize))
        await this.rewrite(rewrite.splice(0), report);
      if (orphans.length > 0 && (force || orphans.length >= settings.pageSize))
        report.repaired += await this.index.remove(orphans.splice(0));
    };

    for (;;) {
      const [s, i] = await Promise.all([db.peek(), ix.peek()]);
      if (s === undefined && i === undefined) break;
      if (i === undefined || (s !== undefined && s.offerId < i.offerId)) {
        db.take();
        if (!settled(s!, settledBefore)) continue;
        report.compared += 1;
        // A gone offer need not be in the index: nothing can resurrect an offer the index never held.
        if (s!.status === 'active') {
          report.drift.missing += 1;
          rewrite.push(s!.offerId);
        }
      } else if (s === undefined || i.offerId < s.offerId) {
        ix.take();
        report.drift.orphan += 1;
        orphans.push(i.offerId);
      } else {
        db.take();
        ix.take();
        if (!settled(s, settledBefore)) continue;
        report.compared += 1;
        const kind = compare(s, i);
        if (kind !== null) report.drift[kind] += 1;
        if (kind === 'stale') rewrite.push(s.offerId);
      }
      await flush(false);
    }
    await flush(true);
    return report;
  }

  private async rewrite(offerIds: string[], report: DriftReport): Promise<void> {
    if (offerIds.length === 0) return;
    const changes = await this.source.snapshots(offerIds);
    const correlationId = `reconcile-${this.clock.now().toISOString()}`;
    const outcome = await this.indexOffers.execute(
      changes.map((value) => ({ value, envelope: { correlationId } })),
    );
    report.failed += outcome.rejected.length;
    report.repaired += changes.length - outcome.rejected.length;
  }
}

function settled(s: SourceVersion, settledBefore: number): boolean {
  return s.changedAt.getTime() <= settledBefore;
}

function compare(s: SourceVersion, i: IndexedEntry): DriftKind | null {
  if (i.version > s.version) return 'ahead';
  if (i.version < s.version) return 'stale';
  // Same version: the same change (a version is one state of the offer), so it agrees.
  return null;
}

/** Reads a sorted source one page at a time, keyed by offerId. */
class PagedCursor<T extends { offerId: string }> {
  private page: T[] = [];
  private position = 0;
  private done = false;
  private last: string | null = null;

  constructor(private readonly fetch: (afterId: string | null) => Promise<T[]>) {}

  async peek(): Promise<T | undefined> {
    if (this.position >= this.page.length && !this.done) {
      this.page = await this.fetch(this.last);
      this.position = 0;
      if (this.page.length === 0) this.done = true;
      else this.last = this.page[this.page.length - 1]!.offerId;
    }
    return this.page[this.position];
  }

  take(): void {
    this.position += 1;
  }
}
