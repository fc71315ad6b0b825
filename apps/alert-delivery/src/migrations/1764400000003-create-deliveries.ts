import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeliveries1764400000003 implements MigrationInterface {
  name = 'CreateDeliveries1764400000003';

  async up(q: QueryRunner): Promise<void> {
    // No address is stored: the ledger proves what was sent without keeping personal data.
    await q.query(`
      CREATE TABLE deliveries (
        delivery_key  text PRIMARY KEY,
        alert_id      uuid NOT NULL,
        offer_id      uuid NOT NULL,
        match_id      uuid NOT NULL,
        status        text NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
        attempts      integer NOT NULL,
        claimed_until timestamptz,
        message_id    text,
        failure       text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        sent_at       timestamptz
      );
      CREATE INDEX deliveries_alert_idx ON deliveries (alert_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deliveries`);
  }
}
