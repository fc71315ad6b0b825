import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consented reveal (contact/): a recruiter's request to contact a CV's candidate, one per
 * recruiter and CV, and the contact details the candidate chose to give on accepting. They go
 * with the CV (erasure, retention) and with a withdrawal of the consent.
 */
export class ContactRequests1765500000020 implements MigrationInterface {
  name = 'ContactRequests1765500000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_requests (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cv_id        uuid NOT NULL REFERENCES cvs (id) ON DELETE CASCADE,
        recruiter_id uuid NOT NULL,
        company      text NOT NULL,
        message      text,
        status       text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
        contact      jsonb CHECK ((status = 'accepted') = (contact IS NOT NULL)),
        created_at   timestamptz NOT NULL,
        answered_at  timestamptz,
        CONSTRAINT contact_requests_cv_recruiter_key UNIQUE (cv_id, recruiter_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact_requests`);
  }
}
