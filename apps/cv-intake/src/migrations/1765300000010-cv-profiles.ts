import { MigrationInterface, QueryRunner } from 'typeorm';

/** The parsed, anonymised profile of a CV and the decision log of each automated step. */
export class CvProfiles1765300000010 implements MigrationInterface {
  name = 'CvProfiles1765300000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cv_profiles (
        cv_id      uuid PRIMARY KEY REFERENCES cvs (id) ON DELETE CASCADE,
        profile    jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE cv_decisions (
        id      bigserial PRIMARY KEY,
        cv_id   uuid NOT NULL REFERENCES cvs (id) ON DELETE CASCADE,
        step    text NOT NULL,
        field   text NOT NULL,
        action  text NOT NULL,
        at      timestamptz NOT NULL
      );
      CREATE INDEX cv_decisions_cv_idx ON cv_decisions (cv_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cv_decisions; DROP TABLE cv_profiles;`);
  }
}
