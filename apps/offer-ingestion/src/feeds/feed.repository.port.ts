import { Feed, FeedFetchRecord, FeedFormat, FeedMode } from './feed';

export interface NewFeed {
  recruiterId: string;
  url: string;
  format: FeedFormat;
  mode: FeedMode;
  intervalMinutes: number;
  nextFetchAt: Date;
  createdAt: Date;
}

/** A due feed this replica holds until `leaseUntil`; only the holder of the token may complete it. */
export interface ClaimedFeed {
  feed: Feed;
  leaseToken: string;
}

export interface FetchCompletion {
  record: FeedFetchRecord;
  nextFetchAt: Date;
  /** New validators for the next conditional GET; absent: keep the stored ones. */
  validators?: { etag: string | null; lastModified: string | null };
}

/** Port: registered feeds, their schedule, leases and fetch history. Reads are scoped to a recruiter. */
export abstract class FeedRepository {
  abstract create(feed: NewFeed): Promise<Feed>;
  abstract list(recruiterId: string): Promise<Feed[]>;
  abstract find(recruiterId: string, feedId: string): Promise<Feed | null>;
  /** The latest fetches of a feed, newest first. */
  abstract history(feedId: string, limit: number): Promise<FeedFetchRecord[]>;
  abstract delete(recruiterId: string, feedId: string): Promise<boolean>;
  /** Makes the feed due now; false when the recruiter has no such feed. */
  abstract makeDue(recruiterId: string, feedId: string, now: Date): Promise<boolean>;
  /** Leases up to `limit` feeds due at `now` that no live lease holds. */
  abstract claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedFeed[]>;
  /** Records the fetch and releases the lease; ignored when the lease was lost or the feed deleted. */
  abstract complete(claim: ClaimedFeed, completion: FetchCompletion): Promise<boolean>;
}
