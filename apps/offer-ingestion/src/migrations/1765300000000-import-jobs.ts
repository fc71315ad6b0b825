import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import jobs: one uploaded or fetched feed, spooled to file storage then streamed through its
 * parser by a worker. `checkpoint` is the feed position of the last item whose batch committed
 * (its offers, outbox events and report rows in the same transaction), so a worker that dies
 * resumes after it. A worker claims a job with a lease (token and expiry) under FOR UPDATE SKIP
 * LOCKED, like the feed scheduler. `import_report` holds one row per feed item (and one per offer
 * a snapshot expired), keyed by job and sequence so the report pages in feed order.
 */
export class ImportJobs1765300000000 implements MigrationInterface {
  name = 'ImportJobs1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_jobs (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recruiter_id     uuid NOT NULL REFERENCES recruiters (id),
        format           text NOT NULL,
        mode             text NOT NULL CHECK (mode IN ('snapshot', 'delta')),
        status           text NOT NULL CHECK (status IN ('receiving', 'queued', 'running', 'held', 'completed', 'failed')),
        source           jsonb NOT NULL,
        expected_count   integer,
        bytes_total      bigint,
        bytes_read       bigint NOT NULL DEFAULT 0,
        items_read       integer NOT NULL DEFAULT 0,
        added            integer NOT NULL DEFAULT 0,
        updated          integer NOT NULL DEFAULT 0,
        unchanged        integer NOT NULL DEFAULT 0,
        expired          integer NOT NULL DEFAULT 0,
        rejected         integer NOT NULL DEFAULT 0,
        checkpoint       integer NOT NULL DEFAULT 0,
        parsed_to_end    boolean NOT NULL DEFAULT false,
        expiry_confirmed boolean NOT NULL DEFAULT false,
        hold             jsonb,
        error_code       text,
        error_message    text,
        attempts         integer NOT NULL DEFAULT 0,
        lease_token      uuid,
        lease_until      timestamptz,
        created_at       timestamptz NOT NULL,
        received_at      timestamptz,
        started_at       timestamptz,
        finished_at      timestamptz,
        updated_at       timestamptz NOT NULL
      );
      CREATE INDEX import_jobs_recruiter_idx ON import_jobs (recruiter_id, created_at DESC);
      CREATE INDEX import_jobs_pending_idx ON import_jobs (created_at) WHERE status IN ('queued', 'running');
      CREATE TABLE import_report (
        job_id        uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
        seq           bigint NOT NULL,
        position      integer,
        external_ref  text,
        outcome       text NOT NULL CHECK (outcome IN ('added', 'updated', 'unchanged', 'expired', 'rejected')),
        reason_code   text,
        field_errors  jsonb,
        offer_id      uuid,
        PRIMARY KEY (job_id, seq)
      );
      -- Snapshot expiry asks, per live offer, whether the feed named it.
      CREATE INDEX import_report_ref_idx ON import_report (job_id, external_ref);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_report; DROP TABLE import_jobs;`);
  }
}
