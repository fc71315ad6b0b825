import { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded originals behind the file storage, their detected format and processing state. */
export class CvUploads1765300000000 implements MigrationInterface {
  name = 'CvUploads1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cvs
        ADD COLUMN format        text CHECK (format IN ('pdf', 'docx', 'odt', 'text', 'json-resume')),
        ADD COLUMN storage_key   text UNIQUE,
        ADD COLUMN state         text NOT NULL DEFAULT 'received'
                                 CHECK (state IN ('received', 'parsed', 'text_not_extractable', 'failed')),
        ADD COLUMN flags         text[] NOT NULL DEFAULT '{}',
        ADD COLUMN attempts      integer NOT NULL DEFAULT 0,
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN processed_at  timestamptz;
      -- The worker's queue: only CVs still waiting are indexed.
      CREATE INDEX cvs_received_idx ON cvs (created_at) WHERE state = 'received';
      -- The extracted text is the candidate's own data (it holds their name and contacts): kept
      -- apart from the metadata, read only to parse and erased with the CV.
      CREATE TABLE cv_texts (
        cv_id      uuid PRIMARY KEY REFERENCES cvs (id) ON DELETE CASCADE,
        text       text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE cv_texts;
      ALTER TABLE cvs DROP COLUMN format, DROP COLUMN storage_key, DROP COLUMN state, DROP COLUMN flags,
        DROP COLUMN attempts, DROP COLUMN claimed_until, DROP COLUMN processed_at;
    `);
  }
}
