import { DataKeyWrapper, SubjectKey, SubjectKeyStore } from '@vigie/kernel';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

interface KeyRow {
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
      `SELECT key_id, data_key, wrapping FROM ${this.table} WHERE subject_id = $1`,
      [subjectId],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.wrapping !== this.wrapper.id) {
      throw new Error(
        `the key of subject ${subjectId} is wrapped by ${row.wrapping}, this service has ${this.wrapper.id}: check the master key`,
      );
    }
    return { keyId: row.key_id, key: this.wrapper.unwrap(row.data_key, subjectId) };
  }

  destroy(subjectIds: readonly string[]): Promise<number> {
    return destroySubjectKeys(this.dataSource.manager, this.table, subjectIds);
  }
}

/** Inside the caller's transaction (an erasure's): deletes the keys, returns how many existed. */
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
