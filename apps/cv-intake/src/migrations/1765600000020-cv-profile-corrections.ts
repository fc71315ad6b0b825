import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The candidate's own version of a profile. `profile` stays what is shown and searched; the
 * machine's reading is kept apart in `parsed_profile`, and once `corrected_at` is set a later
 * parse never overwrites the candidate's version. `experience` holds the dated positions the
 * candidate sees (employers included), never indexed.
 */
export class CvProfileCorrections1765600000020 implements MigrationInterface {
  name = 'CvProfileCorrections1765600000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cv_profiles
        ADD COLUMN parsed_profile jsonb,
        ADD COLUMN experience     jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN corrected_at   timestamptz;
      UPDATE cv_profiles SET parsed_profile = profile;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE cv_profiles DROP COLUMN parsed_profile, DROP COLUMN experience, DROP COLUMN corrected_at;`,
    );
  }
}
