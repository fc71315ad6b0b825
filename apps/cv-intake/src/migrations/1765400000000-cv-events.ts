import { OUTBOX_DDL, PROCESSED_EVENTS_DDL } from '@vigie/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * cv-intake on Kafka: its outbox (cvs.profile.changed.v1), its inbox, the profile version that
 * orders the CV index (external versioning), the projection of recruiter accounts (API keys by
 * prefix and SHA-256, from recruiters.account.changed.v1) and the exact view counters.
 */
export class CvEvents1765400000000 implements MigrationInterface {
  name = 'CvEvents1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_DDL);
    await q.query(PROCESSED_EVENTS_DDL);
    await q.query(`
      ALTER TABLE cv_profiles
        ADD COLUMN version    integer NOT NULL DEFAULT 1,
        ADD COLUMN searchable boolean NOT NULL DEFAULT true;
      CREATE TABLE recruiter_accounts (
        recruiter_id uuid PRIMARY KEY,
        name         text NOT NULL,
        disabled     boolean NOT NULL,
        changed_at   timestamptz NOT NULL
      );
      CREATE TABLE recruiter_api_keys (
        prefix       text PRIMARY KEY,
        recruiter_id uuid NOT NULL REFERENCES recruiter_accounts (recruiter_id) ON DELETE CASCADE,
        sha256       bytea NOT NULL,
        valid_until  timestamptz
      );
      CREATE INDEX recruiter_api_keys_recruiter_idx ON recruiter_api_keys (recruiter_id);
      -- One row per view: the view id is the idempotency key, so a replay is a no-op; the
      -- counters move only with rows that were really inserted (same statement).
      CREATE TABLE cv_views (
        view_id      uuid PRIMARY KEY,
        cv_id        uuid NOT NULL REFERENCES cvs (id) ON DELETE CASCADE,
        recruiter_id uuid NOT NULL,
        company      text NOT NULL,
        viewed_at    timestamptz NOT NULL,
        counted_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cv_views_cv_idx ON cv_views (cv_id, viewed_at DESC);
      CREATE TABLE cv_view_counters (
        cv_id uuid NOT NULL REFERENCES cvs (id) ON DELETE CASCADE,
        day   date NOT NULL,
        views integer NOT NULL,
        PRIMARY KEY (cv_id, day)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE cv_view_counters; DROP TABLE cv_views; DROP TABLE recruiter_api_keys;
      DROP TABLE recruiter_accounts; DROP TABLE processed_events; DROP TABLE outbox;
      ALTER TABLE cv_profiles DROP COLUMN version, DROP COLUMN searchable;
    `);
  }
}
