import { OUTBOX_DDL, PROCESSED_EVENTS_DDL } from '@vigie/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAlerts1764400000002 implements MigrationInterface {
  name = 'CreateAlerts1764400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alerts (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        candidate_id   text NOT NULL,
        email          text NOT NULL,
        keywords       text[] NOT NULL,
        keyword_tokens text[] NOT NULL CHECK (cardinality(keyword_tokens) > 0),
        place_label    text,
        commune_code   text,
        latitude       double precision,
        longitude      double precision,
        radius_km      double precision,
        contract_types text[] NOT NULL DEFAULT '{}',
        frequency      text NOT NULL CHECK (frequency IN ('instant')),
        status         text NOT NULL CHECK (status IN ('active', 'unsubscribed', 'deleted')),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX alerts_candidate_idx ON alerts (candidate_id);
      CREATE INDEX alerts_active_tokens_idx ON alerts USING gin (keyword_tokens) WHERE status = 'active';

      CREATE TABLE matches (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        alert_id      uuid NOT NULL REFERENCES alerts (id),
        offer_id      uuid NOT NULL,
        offer_version integer NOT NULL,
        explanation   jsonb NOT NULL,
        matched_at    timestamptz NOT NULL DEFAULT now(),
        -- One match per (alert, offer), whatever the number of versions or redeliveries.
        CONSTRAINT matches_alert_offer_key UNIQUE (alert_id, offer_id)
      );
    `);
    await q.query(OUTBOX_DDL);
    await q.query(PROCESSED_EVENTS_DDL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processed_events; DROP TABLE outbox; DROP TABLE matches; DROP TABLE alerts;`);
  }
}
