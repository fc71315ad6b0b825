import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Feed, FeedFetchRecord, FeedFormat, FeedMode, FeedFetchStatus } from './feed';
import { ClaimedFeed, FeedRepository, FetchCompletion, NewFeed } from './feed.repository.port';

interface FeedRow {
  id: string;
  recruiter_id: string;
  url: string;
  format: FeedFormat;
  mode: FeedMode;
  interval_minutes: number;
  next_fetch_at: Date;
  etag: string | null;
  last_modified: string | null;
  created_at: Date;
}

interface FetchRow {
  started_at: Date;
  finished_at: Date;
  status: FeedFetchStatus;
  final_url: string | null;
  import_id: string | null;
  error_code: string | null;
  error_message: string | null;
}

const COLUMNS = `id, recruiter_id, url, format, mode, interval_minutes, next_fetch_at, etag, last_modified, created_at`;
/** Fetches kept per feed: enough to see a pattern, bounded whatever the schedule. */
const HISTORY_KEPT = 100;

function toFeed(r: FeedRow): Feed {
  return {
    id: r.id,
    recruiterId: r.recruiter_id,
    url: r.url,
    format: r.format,
    mode: r.mode,
    intervalMinutes: r.interval_minutes,
    nextFetchAt: r.next_fetch_at,
    etag: r.etag,
    lastModified: r.last_modified,
    createdAt: r.created_at,
  };
}

/** TypeORM returns [rows, count] for UPDATE/DELETE … RETURNING. */
function returned<T>(result: unknown): T[] {
  const rows = result as unknown[];
  return (Array.isArray(rows[0]) ? rows[0] : rows) as T[];
}

@Injectable()
export class PgFeedRepository extends FeedRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(feed: NewFeed): Promise<Feed> {
    const rows: FeedRow[] = await this.dataSource.query(
      `INSERT INTO feeds (recruiter_id, url, format, mode, interval_minutes, next_fetch_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        feed.recruiterId,
        feed.url,
        feed.format,
        feed.mode,
        feed.intervalMinutes,
        feed.nextFetchAt,
        feed.createdAt,
      ],
    );
    return toFeed(rows[0]!);
  }

  async list(recruiterId: string): Promise<Feed[]> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM feeds WHERE recruiter_id = $1 ORDER BY created_at, id`,
      [recruiterId],
    );
    return rows.map(toFeed);
  }

  async find(recruiterId: string, feedId: string): Promise<Feed | null> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM feeds WHERE id = $1 AND recruiter_id = $2`,
      [feedId, recruiterId],
    );
    return rows[0] ? toFeed(rows[0]) : null;
  }

  async history(feedId: string, limit: number): Promise<FeedFetchRecord[]> {
    const rows: FetchRow[] = await this.dataSource.query(
      `SELECT started_at, finished_at, status, final_url, import_id, error_code, error_message
       FROM feed_fetches WHERE feed_id = $1 ORDER BY id DESC LIMIT $2`,
      [feedId, limit],
    );
    return rows.map((r) => ({
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      status: r.status,
      finalUrl: r.final_url,
      importId: r.import_id,
      errorCode: r.error_code,
      errorMessage: r.error_message,
    }));
  }

  async delete(recruiterId: string, feedId: string): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `DELETE FROM feeds WHERE id = $1 AND recruiter_id = $2 RETURNING id`,
      [feedId, recruiterId],
    );
    return returned(result).length > 0;
  }

  async makeDue(recruiterId: string, feedId: string, now: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE feeds SET next_fetch_at = least(next_fetch_at, $3) WHERE id = $1 AND recruiter_id = $2 RETURNING id`,
      [feedId, recruiterId, now],
    );
    return returned(result).length > 0;
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedFeed[]> {
    const token = randomUUID();
    const result: unknown = await this.dataSource.query(
      `UPDATE feeds f SET lease_token = $3, lease_until = $2
       FROM (SELECT id FROM feeds
             WHERE next_fetch_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
             ORDER BY next_fetch_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE f.id = due.id
       RETURNING ${COLUMNS.split(', ')
         .map((c) => `f.${c}`)
         .join(', ')}`,
      [now, leaseUntil, token, limit],
    );
    return returned<FeedRow>(result).map((r) => ({ feed: toFeed(r), leaseToken: token }));
  }

  async complete(claim: ClaimedFeed, completion: FetchCompletion): Promise<boolean> {
    const { record, validators } = completion;
    return this.dataSource.transaction(async (m) => {
      const released = returned<{ id: string }>(
        await m.query(
          `UPDATE feeds SET lease_token = NULL, lease_until = NULL, next_fetch_at = $3,
             etag = CASE WHEN $4::boolean THEN $5::text ELSE etag END,
             last_modified = CASE WHEN $4::boolean THEN $6::text ELSE last_modified END
           WHERE id = $1 AND lease_token = $2 RETURNING id`,
          [
            claim.feed.id,
            claim.leaseToken,
            completion.nextFetchAt,
            validators !== undefined,
            validators?.etag ?? null,
            validators?.lastModified ?? null,
          ],
        ),
      );
      if (released.length === 0) return false;
      await m.query(
        `INSERT INTO feed_fetches (feed_id, started_at, finished_at, status, final_url, import_id, error_code, error_message)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          claim.feed.id,
          record.startedAt,
          record.finishedAt,
          record.status,
          record.finalUrl,
          record.importId,
          record.errorCode,
          record.errorMessage?.slice(0, 1_000) ?? null,
        ],
      );
      await m.query(
        `DELETE FROM feed_fetches WHERE feed_id = $1 AND id <= (
           SELECT id FROM feed_fetches WHERE feed_id = $1 ORDER BY id DESC OFFSET $2 LIMIT 1)`,
        [claim.feed.id, HISTORY_KEPT],
      );
      return true;
    });
  }
}
