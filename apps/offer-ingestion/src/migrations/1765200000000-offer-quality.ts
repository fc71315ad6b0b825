import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offer quality: the screening findings shown on each offer, and the duplicate clusters (each
 * clustered offer with its MinHash signature, and its LSH band keys).
 */
export class OfferQuality1765200000000 implements MigrationInterface {
  name = 'OfferQuality1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE offers ADD COLUMN screening jsonb NOT NULL DEFAULT '[]';
      CREATE TABLE offer_cluster_members (
        offer_id    text PRIMARY KEY,
        cluster_id  text NOT NULL,
        signature   bytea NOT NULL,
        title_words bytea NOT NULL,
        company_key text,
        place_key   text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX offer_cluster_members_cluster_idx ON offer_cluster_members (cluster_id);
      CREATE TABLE offer_cluster_bands (
        band_key integer NOT NULL,
        offer_id text NOT NULL REFERENCES offer_cluster_members (offer_id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, offer_id)
      );
      CREATE INDEX offer_cluster_bands_offer_idx ON offer_cluster_bands (offer_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE offer_cluster_bands; DROP TABLE offer_cluster_members; ALTER TABLE offers DROP COLUMN screening;`,
    );
  }
}
