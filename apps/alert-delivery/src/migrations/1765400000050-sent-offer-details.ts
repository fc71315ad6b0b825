import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each sent e-mail showed, per alert: the candidate pages list an alert's last offers sent
 * (`GET /internal/v1/alerts/:id/sent-offers`). The offer summary comes from the waiting match the
 * e-mail consumed, copied in the transaction that records the e-mail sent. Rows written before
 * this migration have no alert and are not listed.
 */
export class SentOfferDetails1765400000050 implements MigrationInterface {
  name = 'SentOfferDetails1765400000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sent_offers
        ADD COLUMN alert_id uuid,
        ADD COLUMN offer    jsonb,
        ADD COLUMN sent_at  timestamptz;
      CREATE INDEX sent_offers_alert_idx ON sent_offers (alert_id, sent_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX sent_offers_alert_idx;
      ALTER TABLE sent_offers DROP COLUMN sent_at, DROP COLUMN offer, DROP COLUMN alert_id;
    `);
  }
}
