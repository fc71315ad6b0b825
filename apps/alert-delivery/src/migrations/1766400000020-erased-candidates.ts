import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure and the CV e-mails: the SHA-256 of each erased candidate id with the time of the
 * erasure. An address record or a CV e-mail's event produced before the erasure and read after it
 * (the topics are consumed independently) is refused instead of bringing the address back or
 * mailing an erased candidate; a candidate who comes back produces newer records, which pass.
 * Pruned once the topics that could still hold such records have expired them (erasure/).
 */
export class ErasedCandidates1766400000020 implements MigrationInterface {
  name = 'ErasedCandidates1766400000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erased_candidates (
        candidate_sha256 bytea PRIMARY KEY,
        erased_at        timestamptz NOT NULL
      );
      CREATE INDEX erased_alerts_erased_at_idx ON erased_alerts (erased_at);
      CREATE INDEX erased_candidates_erased_at_idx ON erased_candidates (erased_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX erased_alerts_erased_at_idx; DROP TABLE erased_candidates;`);
  }
}
