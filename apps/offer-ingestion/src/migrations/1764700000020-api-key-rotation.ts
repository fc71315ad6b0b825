import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Key rotation and an access audit. A recruiter's current key stays on its row; a rotated-out key
 * moves to retired_api_keys and keeps working until its valid_until (the grace period). The audit
 * records refused accesses (e.g. a recruiter asking for another recruiter's offer).
 */
export class ApiKeyRotation1764700000020 implements MigrationInterface {
  name = 'ApiKeyRotation1764700000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE recruiters ADD COLUMN key_rotated_at timestamptz;
      CREATE TABLE retired_api_keys (
        api_key_prefix text PRIMARY KEY,
        api_key_hash   bytea NOT NULL,
        recruiter_id   uuid NOT NULL REFERENCES recruiters (id),
        retired_at     timestamptz NOT NULL,
        valid_until    timestamptz NOT NULL
      );
      CREATE INDEX retired_api_keys_valid_until_idx ON retired_api_keys (valid_until);
      CREATE TABLE access_audit (
        id             bigserial PRIMARY KEY,
        at             timestamptz NOT NULL,
        recruiter_id   uuid NOT NULL,
        action         text NOT NULL,
        resource_type  text NOT NULL,
        resource_id    text NOT NULL,
        outcome        text NOT NULL,
        correlation_id text
      );
      CREATE INDEX access_audit_recruiter_at_idx ON access_audit (recruiter_id, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE access_audit;
      DROP TABLE retired_api_keys;
      ALTER TABLE recruiters DROP COLUMN key_rotated_at;
    `);
  }
}
