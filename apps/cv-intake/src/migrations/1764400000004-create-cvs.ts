import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCvs1764400000004 implements MigrationInterface {
  name = 'CreateCvs1764400000004';

  async up(q: QueryRunner): Promise<void> {
    // Only metadata here; the document itself will live in object storage under a random key.
    await q.query(`
      CREATE TABLE cvs (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        candidate_id   text NOT NULL,
        original_name  text NOT NULL,
        media_type     text NOT NULL,
        size_bytes     integer NOT NULL CHECK (size_bytes > 0),
        anonymised     boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cvs_candidate_idx ON cvs (candidate_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cvs`);
  }
}
