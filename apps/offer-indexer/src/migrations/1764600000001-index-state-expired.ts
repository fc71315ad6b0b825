import { MigrationInterface, QueryRunner } from 'typeorm';

/** v2 offers can expire: the index state records that status like the others. */
export class IndexStateExpired1764600000001 implements MigrationInterface {
  name = 'IndexStateExpired1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE offer_index_state
        DROP CONSTRAINT offer_index_state_status_check,
        ADD CONSTRAINT offer_index_state_status_check CHECK (status IN ('active', 'expired', 'deleted'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE offer_index_state SET status = 'deleted' WHERE status = 'expired';
      ALTER TABLE offer_index_state
        DROP CONSTRAINT offer_index_state_status_check,
        ADD CONSTRAINT offer_index_state_status_check CHECK (status IN ('active', 'deleted'));
    `);
  }
}
