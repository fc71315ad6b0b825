import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registered feed URLs, fetched on a schedule. `next_fetch_at` drives the due-time loop; a replica
 * claims a due feed by setting a lease (token and expiry) under FOR UPDATE SKIP LOCKED, so two
 * replicas never fetch one feed at once and a crashed replica's lease simply runs out.
 */
export class Feeds1764700000030 implements MigrationInterface {
  name = 'Feeds1764700000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feeds (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recruiter_id     uuid NOT NULL REFERENCES recruiters (id),
        url              text NOT NULL,
        format           text NOT NULL,
        mode             text NOT NULL CHECK (mode IN ('snapshot', 'delta')),
        interval_minutes integer NOT NULL CHECK (interval_minutes BETWEEN 15 AND 10080),
        next_fetch_at    timestamptz NOT NULL,
        lease_token      uuid,
        lease_until      timestamptz,
        etag             text,
        last_modified    text,
        created_at       timestamptz NOT NULL
      );
      CREATE INDEX feeds_next_fetch_at_idx ON feeds (next_fetch_at);
      CREATE INDEX feeds_recruiter_idx ON feeds (recruiter_id);
      CREATE TABLE feed_fetches (
        id            bigserial PRIMARY KEY,
        feed_id       uuid NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        started_at    timestamptz NOT NULL,
        finished_at   timestamptz NOT NULL,
        status        text NOT NULL CHECK (status IN ('imported', 'not-modified', 'failed')),
        final_url     text,
        import_id     text,
        error_code    text,
        error_message text
      );
      CREATE INDEX feed_fetches_feed_idx ON feed_fetches (feed_id, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feed_fetches; DROP TABLE feeds;`);
  }
}
