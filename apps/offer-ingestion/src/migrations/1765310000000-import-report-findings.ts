import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The screening findings of each import report row (rule id, quoted span, legal basis, suggested
 * wording): the blocking ones of a row rejected with BLOCKED_BY_SCREENING, and those of a flagged
 * offer that was published. Null when screening found nothing or never ran (unreadable item).
 */
export class ImportReportFindings1765310000000 implements MigrationInterface {
  name = 'ImportReportFindings1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_report ADD COLUMN findings jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_report DROP COLUMN findings`);
  }
}
