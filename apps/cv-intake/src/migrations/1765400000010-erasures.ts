import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure receipts: the request (the candidate id as its SHA-256 only, so the candidate can read
 * the receipt and nothing else about them is kept) and each service's confirmation.
 */
export class Erasures1765400000010 implements MigrationInterface {
  name = 'Erasures1765400000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erasures (
        erasure_id       uuid PRIMARY KEY,
        candidate_sha256 bytea NOT NULL,
        services         text[] NOT NULL,
        requested_at     timestamptz NOT NULL,
        completed_at     timestamptz
      );
      CREATE INDEX erasures_candidate_idx ON erasures (candidate_sha256);
      CREATE TABLE erasure_confirmations (
        erasure_id   uuid NOT NULL REFERENCES erasures (erasure_id) ON DELETE CASCADE,
        service      text NOT NULL,
        confirmed_at timestamptz NOT NULL,
        erased       jsonb NOT NULL,
        PRIMARY KEY (erasure_id, service)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE erasure_confirmations; DROP TABLE erasures;`);
  }
}
