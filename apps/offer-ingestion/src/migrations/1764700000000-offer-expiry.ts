import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers can expire (past their validThrough, or older than the maximum age). The expiry job finds
 * due offers through two partial indexes on active offers only, so it stays cheap at feed scale.
 * `offer_valid_through` is declared IMMUTABLE to be indexable: the canonical offer always writes
 * validThrough as an ISO-8601 instant with its offset, which reads the same in every time zone.
 */
export class OfferExpiry1764700000000 implements MigrationInterface {
  name = 'OfferExpiry1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE offers
        DROP CONSTRAINT offers_status_check,
        ADD CONSTRAINT offers_status_check CHECK (status IN ('active', 'expired', 'deleted'));
      CREATE FUNCTION offer_valid_through(content jsonb) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT (content->>'validThrough')::timestamptz $fn$;
      CREATE INDEX offers_active_valid_through_idx ON offers (offer_valid_through(content))
        WHERE status = 'active' AND content->>'validThrough' IS NOT NULL;
      CREATE INDEX offers_active_published_at_idx ON offers (published_at) WHERE status = 'active';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX offers_active_published_at_idx;
      DROP INDEX offers_active_valid_through_idx;
      DROP FUNCTION offer_valid_through(jsonb);
      UPDATE offers SET status = 'deleted', deleted_at = coalesce(deleted_at, updated_at) WHERE status = 'expired';
      ALTER TABLE offers
        DROP CONSTRAINT offers_status_check,
        ADD CONSTRAINT offers_status_check CHECK (status IN ('active', 'deleted'));
    `);
  }
}
