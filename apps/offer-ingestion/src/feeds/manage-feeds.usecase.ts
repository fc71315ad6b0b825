import { Injectable } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { AccessAudit } from '../recruiters/access-audit.port';
import { Feed, FeedFetchRecord } from './feed';
import { FeedError } from './feed-errors';
import { FeedRepository } from './feed.repository.port';

const HISTORY_SHOWN = 20;

/**
 * A recruiter's own feeds: read with their fetch history, fetch now, delete. Anyone else's feed
 * is a FEED_NOT_FOUND (404), recorded in the access audit.
 */
@Injectable()
export class ManageFeedsUseCase {
  constructor(
    private readonly feeds: FeedRepository,
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  list(recruiterId: string): Promise<Feed[]> {
    return this.feeds.list(recruiterId);
  }

  async get(recruiterId: string, feedId: string): Promise<{ feed: Feed; fetches: FeedFetchRecord[] }> {
    // History first: a fetch and the feed's next due time commit together, so a feed read after its
    // history is never older than it (read the other way round, a page could show a fetch already
    // done next to the due time it replaced). Another recruiter's history is read, then dropped.
    const fetches = await this.feeds.history(feedId, HISTORY_SHOWN);
    const feed = await this.feeds.find(recruiterId, feedId);
    if (!feed) return this.notFound(recruiterId, feedId, 'feed.read');
    return { feed, fetches };
  }

  async fetchNow(recruiterId: string, feedId: string): Promise<void> {
    if (!(await this.feeds.makeDue(recruiterId, feedId, this.clock.now()))) {
      await this.notFound(recruiterId, feedId, 'feed.fetch');
    }
  }

  async delete(recruiterId: string, feedId: string): Promise<void> {
    if (!(await this.feeds.delete(recruiterId, feedId)))
      await this.notFound(recruiterId, feedId, 'feed.delete');
  }

  private async notFound(recruiterId: string, feedId: string, action: string): Promise<never> {
    await this.audit.recordDenied({ recruiterId, action, resourceType: 'feed', resourceId: feedId });
    throw new FeedError('FEED_NOT_FOUND', 'feed not found');
  }
}
