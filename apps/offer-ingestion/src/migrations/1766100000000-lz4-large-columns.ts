import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import writes each offer twice at full size (its content, and the outbox event that carries
 * it), about 5 KiB each, and Postgres compresses both on the way to TOAST. pglz, the default, was
 * the largest single cost of those inserts: 500 offers and their events took 2,419 + 1,780 ms in 8
 * batches with pglz against 1,678 + 1,424 ms with lz4 (docs/ingestion.md). Only rows written from
 * now on use lz4; older ones stay readable as they are. A server built without lz4 keeps pglz.
 */
export class Lz4LargeColumns1766100000000 implements MigrationInterface {
  name = 'Lz4LargeColumns1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(setCompression('lz4'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(setCompression('pglz'));
  }
}

function setCompression(method: 'lz4' | 'pglz'): string {
  return `
    DO $$
    BEGIN
      ALTER TABLE offers ALTER COLUMN content SET COMPRESSION ${method},
                         ALTER COLUMN screening SET COMPRESSION ${method};
      ALTER TABLE outbox ALTER COLUMN value SET COMPRESSION ${method};
    EXCEPTION WHEN feature_not_supported THEN
      RAISE NOTICE 'compression method ${method} not supported by this server: columns unchanged';
    END $$;`;
}
