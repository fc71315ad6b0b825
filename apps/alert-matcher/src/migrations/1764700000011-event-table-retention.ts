import { eventTableAutovacuumResetSql, eventTableAutovacuumSql } from '@vigie/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox of a schema created before retention pruning get their autovacuum settings. */
export class EventTableRetention1764700000011 implements MigrationInterface {
  name = 'EventTableRetention1764700000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(eventTableAutovacuumSql('outbox'));
    await q.query(eventTableAutovacuumSql('processed_events'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(eventTableAutovacuumResetSql('processed_events'));
    await q.query(eventTableAutovacuumResetSql('outbox'));
  }
}
