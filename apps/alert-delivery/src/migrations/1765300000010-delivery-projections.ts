import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What delivery keeps of other services' state, rebuilt from their topics: the alerts (address,
 * status, frequency, schedule) from alerts.alert.changed.v1, each offer's status and cluster from
 * offers.offer.changed.v2 (the send-time re-check), and the matches waiting to be grouped.
 */
export class DeliveryProjections1765300000010 implements MigrationInterface {
  name = 'DeliveryProjections1765300000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alerts (
        alert_id      uuid PRIMARY KEY,
        candidate_id  text NOT NULL,
        version       integer NOT NULL,
        status        text NOT NULL,
        frequency     text NOT NULL,
        time_zone     text NOT NULL,
        hour          smallint NOT NULL,
        weekday       smallint NOT NULL,
        snoozed_until timestamptz,
        email         text NOT NULL,
        criteria      jsonb NOT NULL,
        changed_at    timestamptz NOT NULL
      );
      CREATE INDEX alerts_candidate_idx ON alerts (candidate_id);

      CREATE TABLE offer_states (
        offer_id   uuid PRIMARY KEY,
        version    integer NOT NULL,
        status     text NOT NULL,
        cluster_id text,
        changed_at timestamptz NOT NULL
      );

      CREATE TABLE pending_matches (
        match_id     uuid PRIMARY KEY,
        candidate_id text NOT NULL,
        alert_id     uuid NOT NULL,
        offer_id     uuid NOT NULL,
        cluster_id   text,
        frequency    text NOT NULL,
        matched_at   timestamptz NOT NULL,
        received_at  timestamptz NOT NULL,
        offer        jsonb NOT NULL,
        explanation  jsonb NOT NULL
      );
      CREATE INDEX pending_matches_candidate_idx ON pending_matches (candidate_id, received_at);
      CREATE INDEX pending_matches_alert_idx ON pending_matches (alert_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_matches; DROP TABLE offer_states; DROP TABLE alerts;`);
  }
}
