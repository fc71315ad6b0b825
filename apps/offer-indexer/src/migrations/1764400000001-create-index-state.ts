import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIndexState1764400000001 implements MigrationInterface {
  name = 'CreateIndexState1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offer_index_state (
        offer_id   uuid PRIMARY KEY,
        version    integer NOT NULL,
        status     text NOT NULL CHECK (status IN ('active', 'deleted')),
        indexed_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offer_index_state`);
  }
}
