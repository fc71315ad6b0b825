import { Clock, DomainError } from '@vigie/kernel';
import { sleep } from '@vigie/messaging';
import type { Logger } from 'pino';
import { OfferIndex } from '../indexing/offer-index.port';
import { RunLock } from '../operations/run-lock.port';
import { OfferSource } from '../reconciliation/offer-source.port';
import { DriftReport, ReconcileIndexUseCase } from '../reconciliation/reconcile-index.usecase';
import { BackfillCounts, BackfillWriter } from './backfill-writer';
import { IndexGenerations } from './index-generations.port';

export type ReindexErrorCode =
  /** The read alias points at no index, or at several: nothing to rebuild safely. */
  | 'REINDEX_NO_CURRENT_INDEX'
  /** An index waits in the backfill alias: a reindex is running, or one died before its swap. */
  | 'REINDEX_BACKFILL_PENDING'
  /** Another reindex of this index holds the lock. */
  | 'REINDEX_RUNNING';

export interface ReindexSettings {
  /** Offers read from the database per page (and written per bulk). */
  pageSize: number;
  /** The catch-up skips offers changed more recently than this: their events are being dual-written. */
  catchUpGraceMs: number;
  /** How long the previous generation is kept after the swap (searches in flight, a quick way back). */
  dropAfterMs: number;
  /** false: the previous generation is kept (drop it by hand). */
  dropPrevious: boolean;
  lockName: string;
}

export interface ReindexReport {
  previous: string;
  next: string;
  backfill: BackfillCounts & { read: number };
  /** The last comparison of the next generation with the database, before the swap (repaired). */
  catchUp: DriftReport;
  previousDropped: boolean;
  durationMs: number;
}

/**
 * What a generation bump found: the alias already on the current generation, no index yet (the
 * indexer's first start creates it), a bump done here, or the lock held by another replica or the
 * reindex command (try again later: it may be that replica's bump).
 */
export type GenerationBump =
  | { readonly outcome: 'current' | 'no-index' | 'running-elsewhere' }
  | { readonly outcome: 'bumped'; readonly report: ReindexReport };

/**
 * Rebuilds the offers index without downtime: a new index of the current mapping is created and
 * put in the backfill alias, so that every write of the running indexers also lands there; it is
 * filled from the offers database (external versions: whichever of the backfill and a live write
 * is newer wins, in any order); a catch-up compares it with the database and repairs what is
 * left; it is sealed (refresh, replicas) and the read alias moves to it in one atomic alias
 * update, so a search sees the whole previous index or the whole next one, never a partial one.
 * The previous generation is dropped after a grace period.
 */
export class ReindexOffersUseCase {
  constructor(
    private readonly source: OfferSource,
    private readonly generations: IndexGenerations,
    /** The read alias: what searches see now, and the `indexedAt` each offer keeps. */
    private readonly current: OfferIndex,
    private readonly lock: RunLock,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'info' | 'warn'>,
    private readonly pause: (ms: number) => Promise<void> = sleep,
  ) {}

  async execute(settings: ReindexSettings): Promise<ReindexReport> {
    const run = await this.lock.runExclusive(settings.lockName, () => this.rebuild(settings));
    if (!run.ran)
      throw new DomainError<ReindexErrorCode>('REINDEX_RUNNING', 'another reindex of this index is running');
    return run.value;
  }

  /**
   * The generation bump, run by every offer-indexer at start: when the read alias still names an
   * index of an older generation (OFFER_INDEX_GENERATION was bumped), the current one is built by
   * the reindex above, so searches go on over the previous generation until the swap instead of
   * seeing a new, empty index. Under the same lock as the command, so one replica (or the command)
   * does it and the others go on indexing (their writes reach the next generation through the
   * backfill alias); the check runs inside the lock, so a replica that waited for another's bump
   * finds it done. Holding the lock proves no reindex is running: what an earlier one left in the
   * backfill alias died with its process and is abandoned first.
   */
  async bumpGeneration(settings: ReindexSettings): Promise<GenerationBump> {
    const run = await this.lock.runExclusive(settings.lockName, async (): Promise<GenerationBump> => {
      const previous = await this.generations.current();
      if (previous === null) return { outcome: 'no-index' };
      if (this.generations.isCurrentGeneration(previous)) return { outcome: 'current' };
      for (const left of await this.generations.inBackfill()) {
        this.logger.warn(
          { left },
          'generation bump: abandoning what a dead reindex left in the backfill alias',
        );
        await this.generations.abandon(left);
      }
      this.logger.info({ previous }, 'generation bump: rebuilding the current generation from the database');
      return { outcome: 'bumped', report: await this.rebuild(settings) };
    });
    return run.ran ? run.value : { outcome: 'running-elsewhere' };
  }

  private async rebuild(settings: ReindexSettings): Promise<ReindexReport> {
    const started = this.clock.nowMs();
    const previous = await this.generations.current();
    if (previous === null)
      throw new DomainError<ReindexErrorCode>(
        'REINDEX_NO_CURRENT_INDEX',
        'the offers alias points at no index (or several): start offer-indexer first',
      );
    const pending = await this.generations.inBackfill();
    if (pending.length > 0)
      throw new DomainError<ReindexErrorCode>(
        'REINDEX_BACKFILL_PENDING',
        `an earlier reindex left ${pending.join(', ')} in the backfill alias: run reindex:offers -- --abandon first`,
      );

    const next = await this.generations.createNext();
    this.logger.info({ previous, next }, 'reindex: next generation created; writers now write to both');
    let swapped = false;
    try {
      const writer = new BackfillWriter(this.generations.writerFor(next), this.current, this.clock);
      const read = await this.backfill(writer, settings.pageSize);
      this.logger.info({ next, read, ...writer.counts }, 'reindex: backfill done; catching up');
      await this.generations.seal(next);
      const catchUp = await new ReconcileIndexUseCase(
        this.source,
        this.generations.writerFor(next),
        writer,
        this.clock,
      ).execute({ pageSize: settings.pageSize, graceMs: settings.catchUpGraceMs }, { repair: true });
      await this.generations.seal(next);
      await this.generations.swap(previous, next);
      swapped = true;
      const previousDropped = await this.dropPrevious(previous, settings);
      return {
        previous,
        next,
        backfill: { read, ...writer.counts },
        catchUp,
        previousDropped,
        durationMs: this.clock.nowMs() - started,
      };
    } catch (e) {
      // Before the swap nobody reads the next generation: abandon it, and writers stop writing there.
      if (!swapped)
        await this.generations
          .abandon(next)
          .catch((err: unknown) =>
            this.logger.warn({ next, err: String(err) }, 'reindex: could not abandon the next generation'),
          );
      throw e;
    }
  }

  /** Every offer of the database, active or gone (a gone record keeps late updates out), a page at a time. */
  private async backfill(writer: BackfillWriter, pageSize: number): Promise<number> {
    let after: string | null = null;
    let read = 0;
    for (;;) {
      const page = await this.source.versions(after, pageSize);
      if (page.length === 0) return read;
      after = page[page.length - 1]!.offerId;
      const changes = await this.source.snapshots(page.map((p) => p.offerId));
      await writer.execute(changes.map((value) => ({ value, envelope: { correlationId: 'reindex' } })));
      read += page.length;
    }
  }

  private async dropPrevious(previous: string, settings: ReindexSettings): Promise<boolean> {
    if (!settings.dropPrevious) return false;
    await this.pause(settings.dropAfterMs);
    await this.generations.drop(previous);
    this.logger.info({ previous }, 'reindex: previous generation dropped');
    return true;
  }
}
