import { DataKeyWrapper, SubjectCipherError, SubjectKey, SubjectKeyStore } from '@vigie/kernel';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { erasedSubjectsTableDdl, erasedSubjectsTableOf, subjectKeysTableDdl } from './subject-keys-ddl';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FOREIGN_KEY_VIOLATION = '23503';

interface KeyRow {
  subject_id: string;
  key_id: string;
  data_key: Buffer;
  wrapping: string;
}

export interface PgSubjectKeyStoreOptions {
  /**
   * The table has no subject row to reference (`references` in its DDL): erasures leave
   * tombstones (`<table>_erased`) and a first use checks them under the subject's lock, so no
   * key is made for an erased subject, however the two race.
   */
  tombstones?: boolean;
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
    private readonly options: PgSubjectKeyStoreOptions = {},
  ) {
    super();
  }

  async keyFor(subjectId: string): Promise<SubjectKey> {
    const existing = await this.existingKey(subjectId);
    if (existing) return existing;
    try {
      if (this.options.tombstones)
        await this.dataSource.transaction((tx) => this.makeUnlessErased(tx, subjectId));
      else await this.makeKey(this.dataSource.manager, subjectId);
    } catch (error) {
      // The key references its subject's row: gone (or going) means erased.
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw erasedError();
      throw error;
    }
    // Ours or the concurrent winner's: whichever the table holds now.
    const stored = await this.existingKey(subjectId);
    if (!stored) throw erasedError();
    return stored;
  }

  /** Under the lock an erasure takes too: its tombstone is committed and seen, or it comes after. */
  private async makeUnlessErased(tx: EntityManager, subjectId: string): Promise<void> {
    await lockSubjects(tx, this.table, [subjectId]);
    const erased: unknown[] = await tx.query(
      `SELECT 1 FROM ${erasedSubjectsTableOf(this.table)} WHERE subject_digest = $1`,
      [subjectDigest(subjectId)],
    );
    if (erased.length > 0) throw erasedError();
    await this.makeKey(tx, subjectId);
  }

  private async makeKey(manager: EntityManager, subjectId: string): Promise<void> {
    const key = randomBytes(32);
    await manager.query(
      `INSERT INTO ${this.table} (subject_id, key_id, data_key, wrapping) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, randomUUID(), this.wrapper.wrap(key, subjectId), this.wrapper.id],
    );
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
    if (!this.options.tombstones) return destroySubjectKeys(this.dataSource.manager, this.table, subjectIds);
    return this.dataSource.transaction((tx) =>
      destroySubjectKeys(tx, this.table, subjectIds, { tombstones: true }),
    );
  }
}

function erasedError(): SubjectCipherError {
  return new SubjectCipherError('subject-erased', 'the subject was erased: no key is made for it again');
}

function subjectDigest(subjectId: string): Buffer {
  return createHash('sha256').update(subjectId, 'utf8').digest();
}

/** Transaction-scoped locks per subject of a key table, taken in one order (no deadlock). */
async function lockSubjects(tx: EntityManager, table: string, subjectIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(subjectIds)].sort()) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${table}:${id}`]);
  }
}

/**
 * Creates the shared key table (`<schema>.candidate_keys`) and its tombstones if needed, for
 * services that share one (alert-matcher and cv-intake seal, alert-delivery opens): whichever
 * boots first makes them, under a lock. Returns the key table's qualified name.
 */
export async function ensureSharedSubjectKeys(dataSource: DataSource, schema: string): Promise<string> {
  const table = `"${schema}".candidate_keys`;
  await dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`vigie-subject-keys:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await tx.query(subjectKeysTableDdl(table, { subjectType: 'text' }));
    await tx.query(erasedSubjectsTableDdl(table));
  });
  return table;
}

/**
 * Inside the caller's transaction (an erasure's): deletes the keys, returns how many existed.
 * With `tombstones`, each subject is locked and tombstoned first, so a first use that races
 * this transaction waits for its commit and then makes nothing.
 */
export async function destroySubjectKeys(
  tx: EntityManager,
  table: string,
  subjectIds: readonly string[],
  options: { tombstones?: boolean } = {},
): Promise<number> {
  if (subjectIds.length === 0) return 0;
  if (options.tombstones) {
    await lockSubjects(tx, table, subjectIds);
    await tx.query(
      `INSERT INTO ${erasedSubjectsTableOf(table)} (subject_digest) SELECT unnest($1::bytea[])
       ON CONFLICT (subject_digest) DO NOTHING`,
      [subjectIds.map(subjectDigest)],
    );
  }
  const [, deleted]: [unknown, number] = await tx.query(`DELETE FROM ${table} WHERE subject_id = ANY($1)`, [
    subjectIds,
  ]);
  return deleted;
}

/**
 * Deletes the tombstones of subjects erased before `erasedBefore` (the caller's retention: long
 * enough that no message which could still make a key for them is in flight); returns how many.
 */
export async function pruneErasedSubjects(
  tx: EntityManager,
  table: string,
  erasedBefore: Date,
): Promise<number> {
  const [, deleted]: [unknown, number] = await tx.query(
    `DELETE FROM ${erasedSubjectsTableOf(table)} WHERE erased_at < $1`,
    [erasedBefore],
  );
  return deleted;
}
