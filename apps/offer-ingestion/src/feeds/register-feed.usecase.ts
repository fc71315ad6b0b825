import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { checkFeedUrl, type EgressPolicy } from './egress-policy';
import { Feed } from './feed';
import { FeedError } from './feed-errors';
import { FeedInput } from './feed-input.schema';
import { FeedRepository } from './feed.repository.port';

export const EGRESS_POLICY = Symbol('EGRESS_POLICY');

/**
 * Registers a feed URL. The scheme, credentials and any literal address are checked now (A6:
 * file:, gopher:, http:, the metadata address get a clear 400); host names are checked when
 * resolved, at every connection. The first fetch is due at once.
 */
@Injectable()
export class RegisterFeedUseCase {
  constructor(
    private readonly feeds: FeedRepository,
    private readonly clock: Clock,
    @Inject(EGRESS_POLICY) private readonly policy: EgressPolicy,
  ) {}

  async execute(recruiterId: string, input: FeedInput): Promise<Feed> {
    const verdict = checkFeedUrl(input.url, this.policy);
    if (!verdict.allowed || !verdict.url) {
      const reason = verdict.allowed ? 'is not allowed' : verdict.reason;
      throw new FeedError('FEED_URL_REFUSED', `the feed URL ${reason}`, [{ field: 'url', reason }]);
    }
    const now = this.clock.now();
    return this.feeds.create({
      recruiterId,
      url: verdict.url.toString(),
      format: input.format,
      mode: input.mode,
      intervalMinutes: input.schedule,
      nextFetchAt: now,
      createdAt: now,
    });
  }
}
