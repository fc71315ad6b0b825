import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Band rows are the bulk of an import's writes (16 per offer): each paid a foreign-key check and a
 * second index on `offer_id`. The cluster index now removes an offer's old bands by their keys
 * (recomputed from its stored signature), through the primary key, so neither is needed. Nothing
 * deletes cluster members; a band left without its member is ignored (candidates join members).
 */
export class LeanClusterBands1765320000000 implements MigrationInterface {
  name = 'LeanClusterBands1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE offer_cluster_bands DROP CONSTRAINT offer_cluster_bands_offer_id_fkey;
      DROP INDEX offer_cluster_bands_offer_idx;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM offer_cluster_bands b
       WHERE NOT EXISTS (SELECT 1 FROM offer_cluster_members m WHERE m.offer_id = b.offer_id);
      CREATE INDEX offer_cluster_bands_offer_idx ON offer_cluster_bands (offer_id);
      ALTER TABLE offer_cluster_bands ADD CONSTRAINT offer_cluster_bands_offer_id_fkey
        FOREIGN KEY (offer_id) REFERENCES offer_cluster_members (offer_id) ON DELETE CASCADE;
    `);
  }
}
