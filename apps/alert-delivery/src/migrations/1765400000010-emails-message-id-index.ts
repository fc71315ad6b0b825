import { MigrationInterface, QueryRunner } from 'typeorm';

/** A bounce (DSN) is trusted only if it returns a Message-ID the ledger recorded: look it up fast. */
export class EmailsMessageIdIndex1765400000010 implements MigrationInterface {
  name = 'EmailsMessageIdIndex1765400000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX emails_message_id_idx ON emails (message_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX emails_message_id_idx`);
  }
}
