import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching moves to the in-memory engine: the keyword columns of the SQL pre-filter go, matches
 * gain their duplicate cluster (one match per alert and cluster: copies of a job match once) and
 * their withdrawal (the offer expired or was deleted after the match).
 */
export class MatchesPerCluster1764900000018 implements MigrationInterface {
  name = 'MatchesPerCluster1764900000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS alerts_active_tokens_idx;
      ALTER TABLE alerts DROP COLUMN keywords, DROP COLUMN keyword_tokens, DROP COLUMN contract_types;
      ALTER TABLE matches
        ADD COLUMN cluster_id       text,
        ADD COLUMN withdrawn_at     timestamptz,
        ADD COLUMN withdrawn_reason text CHECK (withdrawn_reason IN ('expired', 'deleted'));
      CREATE UNIQUE INDEX matches_alert_cluster_key ON matches (alert_id, cluster_id) WHERE cluster_id IS NOT NULL;
      CREATE INDEX matches_live_offer_idx ON matches (offer_id) WHERE withdrawn_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX matches_live_offer_idx;
      DROP INDEX matches_alert_cluster_key;
      ALTER TABLE matches DROP COLUMN withdrawn_reason, DROP COLUMN withdrawn_at, DROP COLUMN cluster_id;
      ALTER TABLE alerts
        ADD COLUMN keywords text[] NOT NULL DEFAULT '{}',
        ADD COLUMN keyword_tokens text[] NOT NULL DEFAULT '{}',
        ADD COLUMN contract_types text[] NOT NULL DEFAULT '{}';
      CREATE INDEX alerts_active_tokens_idx ON alerts USING gin (keyword_tokens) WHERE status = 'active';
    `);
  }
}
