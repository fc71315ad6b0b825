import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_DDL } from '../outbox.schema';

/** The outbox alone in a test schema, as a service's migrations create it. */
export class CreateOutbox1700000000000 implements MigrationInterface {
  name = 'CreateOutbox1700000000000';
  async up(q: QueryRunner) {
    await q.query(OUTBOX_DDL);
  }
  async down() {}
}
