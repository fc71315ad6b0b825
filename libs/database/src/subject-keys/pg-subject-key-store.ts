import { DataKeyWrapper, SubjectKey, SubjectKeyStore } from '@vigie/kernel';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { subjectKeysTableDdl } from './subject-keys-ddl';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface KeyRow {
  subject_id: string;
  key_id: string;
  data_key: Buffer;
  wrapping: string;
}

/**
 * The subjects' keys in a Postgres table (`table`, schema-qualified, created by
 * `subjectKeysTableDdl`). Keys are made on first use with ON CONFLICT DO NOTHING, so two
 * processes sealing for one new subject at once agree on the key the first insert stored.
 */
export class PgSubjectKeyStore extends SubjectKeyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly table: string,
    private readonly wrapper: DataKeyWrapper,
  ) {
    super();
  }

  async keyFor(subjectId: string): Promise<SubjectKey> {
    const existing = await this.existingKey(subjectId);
    if (existing) return existing;
    const key = randomBytes(32);
    await this.dataSource.query(
      `INSERT INTO ${this.table} (subject_id, key_id, data_key, wrapping) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, randomUUID(), this.wrapper.wrap(key, subjectId), this.wrapper.id],
    );
    // Ours or the concurrent winner's: whichever the table holds now.
    const stored = await this.existingKey(subjectId);
    if (!stored)
      throw new Error(`the key of subject ${subjectId} vanished as it was made (erased meanwhile)`);
    return stored;
  }

  async existingKey(subjectId: string): Promise<SubjectKey | undefined> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT subject_id::text, key_id, data_key, wrapping FROM ${this.table} WHERE subject_id = $1`,
      [subjectId],
    );
    return rows[0] && this.unwrapped(rows[0]);
  }

  async keyById(keyId: string): Promise<(SubjectKey & { subjectId: string }) | undefined> {
    if (!UUID.test(keyId)) return undefined;
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT subject_id::text, key_id, data_key, wrapping FROM ${this.table} WHERE key_id = $1`,
      [keyId],
    );
    return rows[0] && { ...this.unwrapped(rows[0]), subjectId: rows[0].subject_id };
  }

  private unwrapped(row: KeyRow): SubjectKey {
    if (row.wrapping !== this.wrapper.id) {
      throw new Error(
        `the key of subject ${row.subject_id} is wrapped by ${row.wrapping}, this service has ${this.wrapper.id}: check the master key`,
      );
    }
    return { keyId: row.key_id, key: this.wrapper.unwrap(row.data_key, row.subject_id) };
  }

  destroy(subjectIds: readonly string[]): Promise<number> {
    return destroySubjectKeys(this.dataSource.manager, this.table, subjectIds);
  }
}

/** Inside the caller's transaction (an erasure's): deletes the keys, returns how many existed. */
/**
 * Creates the shared key table (`<schema>.candidate_keys`) if needed, for services that share one
 * (alert-matcher seals, alert-delivery opens): whichever boots first makes it, under a lock.
 * Returns the table's qualified name.
 */
export async function ensureSharedSubjectKeys(dataSource: DataSource, schema: string): Promise<string> {
  const table = `"${schema}".candidate_keys`;
  await dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`vigie-subject-keys:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await tx.query(subjectKeysTableDdl(table, { subjectType: 'text' }));
  });
  return table;
}

export async function destroySubjectKeys(
  tx: EntityManager,
  table: string,
  subjectIds: readonly string[],
): Promise<number> {
  if (subjectIds.length === 0) return 0;
  const [, deleted]: [unknown, number] = await tx.query(`DELETE FROM ${table} WHERE subject_id = ANY($1)`, [
    subjectIds,
  ]);
  return deleted;
}
