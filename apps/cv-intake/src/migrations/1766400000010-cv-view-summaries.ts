import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly "your CV was viewed by N recruiters" summaries: computed once per Paris week in one
 * pass over that week's views (`cv_view_summary_weeks` marks the week done), then announced in
 * batches on cvs.view-summary.created.v1 through the outbox (`announced_at`). One row per
 * (candidate, week), so a candidate gets one summary per week; rows are pruned after five weeks
 * and erased with the candidate.
 */
export class CvViewSummaries1766400000010 implements MigrationInterface {
  name = 'CvViewSummaries1766400000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cv_view_summary_weeks (
        week_start  date PRIMARY KEY,
        computed_at timestamptz NOT NULL
      );
      CREATE TABLE cv_view_summaries (
        candidate_id text NOT NULL,
        week_start   date NOT NULL,
        views        integer NOT NULL,
        recruiters   integer NOT NULL,
        companies    text[] NOT NULL,
        announced_at timestamptz,
        PRIMARY KEY (candidate_id, week_start)
      );
      CREATE INDEX cv_view_summaries_unannounced_idx ON cv_view_summaries (week_start)
        WHERE announced_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cv_view_summaries; DROP TABLE cv_view_summary_weeks;`);
  }
}
