import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who holds a delivery's lease, so a worker's own retry does not wait for its lease to expire. */
export class AddDeliveryOwner1764400000005 implements MigrationInterface {
  name = 'AddDeliveryOwner1764400000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deliveries ADD COLUMN claimed_by text;
      ALTER TABLE deliveries ADD COLUMN last_takeover boolean NOT NULL DEFAULT false;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE deliveries DROP COLUMN last_takeover; ALTER TABLE deliveries DROP COLUMN claimed_by;`,
    );
  }
}
