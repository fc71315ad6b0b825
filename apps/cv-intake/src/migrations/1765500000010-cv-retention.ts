import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (retention/): what a candidate did that is not a CV upload (an explicit extension),
 * and the warning sent for the current period of inactivity. Erased with the candidate.
 */
export class CvRetention1765500000010 implements MigrationInterface {
  name = 'CvRetention1765500000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cv_retention (
        candidate_id text PRIMARY KEY,
        extended_at  timestamptz,
        warned_at    timestamptz,
        -- The last activity the warning was about: any later activity voids it.
        warned_for   timestamptz,
        erases_at    timestamptz,
        -- Set when the erasure starts: from then on it runs to its end (files, index, rows).
        erasing_at   timestamptz
      );
      CREATE INDEX cvs_candidate_created_idx ON cvs (candidate_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cvs_candidate_created_idx; DROP TABLE cv_retention;`);
  }
}
