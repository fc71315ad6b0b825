import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger of grouped e-mails and digests. `emails` has one row per e-mail key — a candidate's
 * group of instant matches (`group:<candidate>:<first match>`) or an alert's digest window
 * (`digest:<alert>:<window>`) — claimed with a lease before sending, as `deliveries` is.
 * `sent_offers` and `sent_clusters` make "one offer, one copy of a job, once per candidate" a
 * unique key, written in the transaction that records the e-mail as sent.
 */
export class GroupedEmails1765300000020 implements MigrationInterface {
  name = 'GroupedEmails1765300000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emails (
        email_key     text PRIMARY KEY,
        candidate_id  text NOT NULL,
        status        text NOT NULL CHECK (status IN ('sending', 'sent')),
        attempts      integer NOT NULL DEFAULT 1,
        claimed_by    text,
        claimed_until timestamptz,
        last_takeover boolean NOT NULL DEFAULT false,
        message_id    text NOT NULL,
        offer_count   integer,
        created_at    timestamptz NOT NULL DEFAULT now(),
        sent_at       timestamptz
      );
      CREATE INDEX emails_candidate_sent_idx ON emails (candidate_id, sent_at);

      CREATE TABLE sent_offers (
        candidate_id text NOT NULL,
        offer_id     uuid NOT NULL,
        email_key    text NOT NULL,
        PRIMARY KEY (candidate_id, offer_id)
      );
      CREATE TABLE sent_clusters (
        candidate_id text NOT NULL,
        cluster_id   text NOT NULL,
        email_key    text NOT NULL,
        PRIMARY KEY (candidate_id, cluster_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sent_clusters; DROP TABLE sent_offers; DROP TABLE emails;`);
  }
}
