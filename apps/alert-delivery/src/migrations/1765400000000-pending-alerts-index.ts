import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatch job looks for pending alerts (double opt-in) that still need their confirmation
 * e-mail on every run: a partial index keeps that cheap however many active alerts there are.
 */
export class PendingAlertsIndex1765400000000 implements MigrationInterface {
  name = 'PendingAlertsIndex1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX alerts_pending_idx ON alerts (changed_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX alerts_pending_idx`);
  }
}
