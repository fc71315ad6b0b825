import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client's `Idempotency-Key` on alert creation (cv-intake's one-click suggested alert): a retried
 * creation finds the alert of its first attempt. The key is unique per candidate among alerts that
 * are not deleted, so deleting the alert frees it; it goes with the row at erasure.
 */
export class AlertIdempotencyKeys1766600000000 implements MigrationInterface {
  name = 'AlertIdempotencyKeys1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE alerts ADD COLUMN idempotency_key text;
      CREATE UNIQUE INDEX alerts_candidate_idempotency_key ON alerts (candidate_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL AND status <> 'deleted';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX alerts_candidate_idempotency_key;
      ALTER TABLE alerts DROP COLUMN idempotency_key;
    `);
  }
}
