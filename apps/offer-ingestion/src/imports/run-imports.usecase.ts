import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@vigie/database';
import { Clock, isDomainError } from '@vigie/kernel';
import { LeasedPoller, OutboxWriter } from '@vigie/messaging';
import { pipeline, Transform } from 'node:stream';
import type { Logger } from 'pino';
import { offerChangedEvent } from '../offers/offer-events';
import { PreparedBatch, PublishOffersUseCase } from '../offers/publish-offers.usecase';
import type { FeedItem } from './formats/feed-format';
import { BatchPreparer } from './batch-preparer.port';
import { FeedFormatCatalog } from './feed-format-catalog.port';
import type { ImportHold, ImportJob } from './import-job';
import { ImportError } from './import-errors';
import { ClaimedImport, ImportJobRepository } from './import-job.repository.port';
import { FeedBatcher } from './feed-batcher';
import { countersOf, reportRows, SequencedRow } from './import-report-rows';
import { ImportSpool } from './import-spool.port';
import { IMPORT_LOGGER, IMPORT_SETTINGS, type ImportSettings } from './import-settings';
import { SnapshotExpiry } from './snapshot-expiry.port';

/** Expired offers' report rows follow the feed's items (positions are below this). */
export const EXPIRED_SEQ_BASE = 10_000_000_000;
const MAX_ATTEMPTS = 5;

class LeaseLost extends Error {}

/**
 * The import worker: claims queued jobs (and running ones whose worker died: its lease ran out),
 * streams each spooled feed through its parser, and publishes it in batches through the batch
 * endpoint's use case. Each batch's offers, outbox events, report rows and checkpoint commit in
 * one transaction, so a resumed job skips exactly the items already committed and re-applies the
 * rest, which the content hash makes idempotent. A snapshot then expires the recruiter's live
 * offers the feed did not name, unless the truncation guard holds it for confirmation.
 */
@Injectable()
export class RunImportsUseCase {
  private readonly poller: LeasedPoller<ClaimedImport>;

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly spool: ImportSpool,
    private readonly formats: FeedFormatCatalog,
    private readonly publishOffers: PublishOffersUseCase,
    private readonly preparer: BatchPreparer,
    private readonly snapshot: SnapshotExpiry,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(IMPORT_SETTINGS) private readonly settings: ImportSettings,
    @Inject(IMPORT_LOGGER) private readonly logger: Logger,
  ) {
    this.poller = new LeasedPoller('import-worker', settings, clock, logger, {
      claim: (now, leaseUntil, limit) => this.jobs.claim(now, leaseUntil, limit),
      work: (claim) => this.runOne(claim),
    });
  }

  /** Returns how many jobs this run took; `stop` ends it between batches. */
  execute(stop?: AbortSignal): Promise<number> {
    return this.poller.drain(stop);
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + this.settings.leaseMs);
  }

  private async runOne(claim: ClaimedImport): Promise<void> {
    const { job } = claim;
    try {
      if (job.attempts > MAX_ATTEMPTS) {
        throw new ImportError(
          'IMPORT_ATTEMPTS_EXHAUSTED',
          `the import was interrupted ${MAX_ATTEMPTS} times; upload it again`,
        );
      }
      if (!job.parsedToEnd && !(await this.parse(claim))) return this.lost(job);
      if (job.mode === 'snapshot') {
        const outcome = await this.expireAbsent(claim);
        if (outcome === 'lost') return this.lost(job);
        if (outcome === 'held') return;
      }
      if (!(await this.jobs.complete(claim, this.clock.now()))) return this.lost(job);
      this.logger.info({ importId: job.id }, 'import completed');
    } catch (e) {
      if (e instanceof LeaseLost) return this.lost(job);
      if (isDomainError(e)) {
        // A fault of the feed itself: items already committed stay, the job stops with the code.
        await this.jobs.markFailed(job.id, { code: e.code, message: e.message }, this.clock.now(), claim);
        await this.spool.remove(job.id);
        this.logger.info({ importId: job.id, code: e.code }, 'import failed');
        return;
      }
      // Anything else (database down…) is transient: the next run resumes from the checkpoint.
      this.logger.warn({ importId: job.id, err: e }, 'import interrupted; it resumes from its checkpoint');
      await this.jobs.release(claim).catch(() => undefined);
    }
  }

  private lost(job: ImportJob): void {
    this.logger.warn({ importId: job.id }, 'import lease lost; another worker has the job');
  }

  /** False when the lease was lost mid-way. */
  private async parse(claim: ClaimedImport): Promise<boolean> {
    const { job } = claim;
    const parser = this.formats.parserFor(job.format);
    let bytesRead = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytesRead += chunk.length;
        done(null, chunk);
      },
    });
    const source = pipeline(this.spool.open(job.id), counter, () => undefined);
    let declared: number | null = null;
    const batches = new FeedBatcher(this.settings.batchSize, this.settings.batchMaxBytes);
    // One batch commits while the next one is read and prepared (validated, screened, fingerprinted,
    // on the preparer's worker thread in the service): that CPU work overlaps the database round trips. Commits stay one at a time and in feed order,
    // so the checkpoint never passes an uncommitted item; at most one prepared batch waits.
    let committing: Promise<void> = Promise.resolve();
    const commitNext = async (items: FeedItem[], bytes: number) => {
      const readable = items.filter((i) => i.candidate !== undefined && !i.errors?.length);
      const prepared = await this.preparer.prepare(
        claim.job.recruiterId,
        readable.map((i) => i.candidate),
      );
      await committing;
      const commit = this.commitBatch(claim, items, readable, prepared, bytes);
      // Its failure is rethrown by the next `await committing`, never left unhandled meanwhile.
      commit.catch(() => undefined);
      committing = commit;
    };
    try {
      for await (const item of parser.parse(source, this.settings.parseLimits, (d) => {
        declared = d.expectedCount ?? null;
      })) {
        // Committed before the worker died: already stored, announced and reported.
        if (item.position <= job.checkpoint) continue;
        const full = batches.add(item, bytesRead);
        if (full) await commitNext(full, bytesRead);
      }
      const last = batches.rest();
      if (last) await commitNext(last, bytesRead);
      await committing;
    } finally {
      // A feed fault or a lost lease: the batch in flight settles before the job is released or failed.
      await committing.catch(() => undefined);
      source.destroy();
    }
    const parsed = await this.jobs.markParsed(claim, this.clock.now(), {
      bytesRead,
      expectedCount: declared,
    });
    if (parsed) await this.spool.remove(job.id);
    return parsed;
  }

  private async commitBatch(
    claim: ClaimedImport,
    items: FeedItem[],
    readable: FeedItem[],
    prepared: PreparedBatch,
    bytesRead: number,
  ): Promise<void> {
    await this.publishOffers.store(prepared, {
      withinTransaction: async (tx, result) => {
        const rows = reportRows(items, readable, result);
        const now = this.clock.now();
        const kept = await this.jobs.commitBatch(tx, claim, {
          checkpoint: items.at(-1)!.position,
          bytesRead,
          counters: countersOf(rows, items.length),
          rows,
          now,
          leaseUntil: this.leaseFrom(now),
        });
        // Rolls the batch back: the worker now holding the job applies it.
        if (!kept) throw new LeaseLost();
      },
    });
  }

  private async expireAbsent(claim: ClaimedImport): Promise<'done' | 'held' | 'lost'> {
    const job = (await this.jobs.find(claim.job.recruiterId, claim.job.id))!;
    const { recruiterId } = job;
    if (!job.expiryConfirmed) {
      const hold = await this.guard(job);
      if (hold) return (await this.jobs.hold(claim, hold, this.clock.now())) ? 'held' : 'lost';
    }
    let expired = job.counters.expired;
    for (;;) {
      const count = await this.unitOfWork.run(async (tx) => {
        const now = this.clock.now();
        const changes = await this.snapshot.expireAbsent(
          tx,
          recruiterId,
          job.id,
          this.settings.expiryBatchSize,
          now,
        );
        await this.outbox.append(
          tx.manager,
          changes.map((c) => offerChangedEvent(recruiterId, c)),
        );
        const rows: SequencedRow[] = changes.map((c, i) => ({
          seq: EXPIRED_SEQ_BASE + expired + i + 1,
          position: null,
          externalRef: c.externalRef,
          outcome: 'expired',
          reasonCode: 'ABSENT_FROM_SNAPSHOT',
          fieldErrors: null,
          offerId: c.offerId,
          findings: null,
        }));
        const kept = await this.jobs.commitBatch(tx, claim, {
          checkpoint: job.checkpoint,
          bytesRead: job.bytesRead,
          counters: countersOf(rows, 0),
          rows,
          now,
          leaseUntil: this.leaseFrom(now),
        });
        if (!kept) throw new LeaseLost();
        return changes.length;
      });
      expired += count;
      if (count < this.settings.expiryBatchSize) return 'done';
    }
  }

  /** The truncation guard: a feed that would expire too much, or is not the size it declared, waits. */
  private async guard(job: ImportJob): Promise<ImportHold | null> {
    const absent = await this.snapshot.countAbsent(job.recruiterId, job.id);
    // The share is of the offers live before this feed: those it added do not dilute it.
    const liveBefore = Math.max((await this.snapshot.countLive(job.recruiterId)) - job.counters.added, 0);
    const { maxExpiryShare } = this.settings;
    const base = {
      wouldExpire: absent,
      liveOffers: liveBefore,
      maxShare: maxExpiryShare,
      expectedCount: job.expectedCount,
      itemsRead: job.counters.itemsRead,
    };
    if (job.expectedCount !== null && job.expectedCount !== job.counters.itemsRead)
      return { reason: 'EXPECTED_COUNT_MISMATCH', ...base };
    if (absent > 0 && absent > maxExpiryShare * liveBefore)
      return { reason: 'EXPIRY_SHARE_EXCEEDED', ...base };
    return null;
  }
}
