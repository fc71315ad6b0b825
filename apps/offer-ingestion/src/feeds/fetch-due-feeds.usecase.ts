import { Inject, Injectable } from '@nestjs/common';
import { Clock, isDomainError } from '@vigie/kernel';
import { LeasedPoller } from '@vigie/messaging';
import type { Logger } from 'pino';
import { FeedFetchRecord } from './feed';
import { FeedFetcher } from './feed-fetcher.port';
import { FeedImportStarter } from './feed-import-starter.port';
import { ClaimedFeed, FeedRepository, FetchCompletion } from './feed.repository.port';

export interface FeedSchedulerSettings {
  /** Feeds fetched at once by one replica. */
  concurrency: number;
  /** How long a claimed feed stays this replica's: longer than the longest fetch and import. */
  leaseMs: number;
}

export const FEED_SCHEDULER_SETTINGS = Symbol('FEED_SCHEDULER_SETTINGS');
export const FEED_LOGGER = Symbol('FEED_LOGGER');

/**
 * Fetches every due feed: claims a few under a lease (no other replica takes them meanwhile),
 * fetches each with its stored validators, hands a new body to the import, and records the
 * outcome, which also sets the next due time and releases the lease. A replica that dies
 * mid-fetch leaves its lease to run out; the feed is then fetched again, and the import is
 * idempotent on (recruiter, external reference).
 */
@Injectable()
export class FetchDueFeedsUseCase {
  private readonly poller: LeasedPoller<ClaimedFeed>;

  constructor(
    private readonly feeds: FeedRepository,
    private readonly fetcher: FeedFetcher,
    private readonly imports: FeedImportStarter,
    private readonly clock: Clock,
    @Inject(FEED_SCHEDULER_SETTINGS) private readonly settings: FeedSchedulerSettings,
    @Inject(FEED_LOGGER) private readonly logger: Logger,
  ) {
    this.poller = new LeasedPoller('feed-scheduler', settings, clock, logger, {
      claim: (now, leaseUntil, limit) => this.feeds.claimDue(now, leaseUntil, limit),
      work: (claim) => this.fetchOne(claim),
    });
  }

  /** Returns how many feeds this run fetched; `stop` ends it between batches. */
  execute(stop?: AbortSignal): Promise<number> {
    return this.poller.drain(stop);
  }

  private async fetchOne(claim: ClaimedFeed): Promise<void> {
    const { feed } = claim;
    const startedAt = this.clock.now();
    const nextFetchAt = new Date(startedAt.getTime() + feed.intervalMinutes * 60_000);
    const record = (r: Omit<FeedFetchRecord, 'startedAt' | 'finishedAt'>): FeedFetchRecord => ({
      startedAt,
      finishedAt: this.clock.now(),
      ...r,
    });
    let completion: FetchCompletion;
    try {
      const outcome = await this.fetcher.fetch({
        url: feed.url,
        etag: feed.etag,
        lastModified: feed.lastModified,
      });
      if (outcome.kind === 'not-modified') {
        completion = {
          nextFetchAt,
          record: record({
            status: 'not-modified',
            finalUrl: outcome.finalUrl,
            importId: null,
            errorCode: null,
            errorMessage: null,
          }),
        };
      } else {
        let importId: string;
        try {
          ({ importId } = await this.imports.start({
            recruiterId: feed.recruiterId,
            body: outcome.body,
            declaredType: outcome.contentType,
            formatHint: feed.format,
            contentEncoding: outcome.contentEncoding,
            mode: feed.mode,
            expectedCount: null,
            source: { kind: 'feed', feedId: feed.id, url: outcome.finalUrl },
          }));
        } finally {
          // Whatever the import did not read is not needed any more.
          if (!outcome.body.readableEnded) outcome.body.destroy();
        }
        completion = {
          nextFetchAt,
          // Validators are kept only once the body is imported: a failed import is fetched in full next time.
          validators: { etag: outcome.etag, lastModified: outcome.lastModified },
          record: record({
            status: 'imported',
            finalUrl: outcome.finalUrl,
            importId,
            errorCode: null,
            errorMessage: null,
          }),
        };
      }
    } catch (e) {
      // Expected failures carry a code; anything else is recorded as INTERNAL and logged.
      const coded = isDomainError(e);
      if (!coded) this.logger.error({ err: e, feedId: feed.id }, 'feed fetch failed unexpectedly');
      completion = {
        nextFetchAt,
        record: record({
          status: 'failed',
          finalUrl: null,
          importId: null,
          errorCode: coded ? e.code : 'INTERNAL',
          errorMessage: coded ? e.message : 'internal error',
        }),
      };
    }
    const kept = await this.feeds.complete(claim, completion);
    if (!kept) this.logger.warn({ feedId: feed.id }, 'feed lease lost or feed deleted during its fetch');
    else this.logger.info({ feedId: feed.id, status: completion.record.status }, 'feed fetched');
  }
}
