import { OUTBOX_DDL } from '@vigie/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOffers1764400000000 implements MigrationInterface {
  name = 'CreateOffers1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recruiters (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name           text NOT NULL,
        api_key_prefix text NOT NULL UNIQUE,
        api_key_hash   bytea NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        disabled_at    timestamptz
      );
      CREATE TABLE offers (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recruiter_id           uuid NOT NULL REFERENCES recruiters (id),
        external_ref           text NOT NULL,
        version                integer NOT NULL CHECK (version >= 1),
        status                 text NOT NULL CHECK (status IN ('active', 'deleted')),
        content                jsonb NOT NULL,
        content_hash           text NOT NULL,
        requested_published_at timestamptz,
        published_at           timestamptz NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        deleted_at             timestamptz,
        CONSTRAINT offers_recruiter_ref_key UNIQUE (recruiter_id, external_ref)
      );
    `);
    await q.query(OUTBOX_DDL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox; DROP TABLE offers; DROP TABLE recruiters;`);
  }
}
