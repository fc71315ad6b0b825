import { eventTableAutovacuumResetSql, eventTableAutovacuumSql } from '@vigie/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox of a schema created before retention pruning gets its autovacuum settings. */
export class EventTableRetention1764700000010 implements MigrationInterface {
  name = 'EventTableRetention1764700000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(eventTableAutovacuumSql('outbox'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(eventTableAutovacuumResetSql('outbox'));
  }
}
