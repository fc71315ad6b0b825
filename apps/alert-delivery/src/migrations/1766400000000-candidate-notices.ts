import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The candidates' CV e-mails (views summary, retention warning, contact request). alert-delivery
 * keeps the latest verified address of each candidate (from the compacted
 * candidates.notification-address.changed.v1; a tombstone or an erasure deletes it) and the
 * e-mails waiting to be sent: an e-mail whose address is not known yet waits, postponed, until it
 * is or its hold runs out. A candidate may turn the CV e-mails off (the retention warning excepted). Sending once is the `emails` ledger's job (keys `cv:<kind>:<event>`).
 */
export class CandidateNotices1766400000000 implements MigrationInterface {
  name = 'CandidateNotices1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE candidate_addresses (
        candidate_id text PRIMARY KEY,
        email        text NOT NULL,
        changed_at   timestamptz NOT NULL
      );
      CREATE TABLE candidate_notices (
        notice_key      text PRIMARY KEY,
        candidate_id    text NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('view-summary', 'retention-warning', 'contact-request')),
        content         jsonb NOT NULL,
        received_at     timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL
      );
      CREATE INDEX candidate_notices_due_idx ON candidate_notices (next_attempt_at);
      CREATE INDEX candidate_notices_candidate_idx ON candidate_notices (candidate_id);
      -- The one-click opt-out of the CV e-mails (views summary, contact requests).
      CREATE TABLE cv_email_opt_outs (
        candidate_id text PRIMARY KEY,
        opted_out_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE cv_email_opt_outs; DROP TABLE candidate_notices; DROP TABLE candidate_addresses;`,
    );
  }
}
