import { ensureSharedSubjectKeys, PgSubjectKeyStore } from '@vigie/database';
import { AesGcmSubjectCipher, PlainDataKeys } from '@vigie/kernel';
import type { DataSource } from 'typeorm';

/** The shared candidates' key table in a test schema of its own, with the cipher services build on it. */
export interface SharedTestKeys {
  /** Qualified key table (`"<schema>".candidate_keys`), for an erasure's own transaction. */
  table: string;
  /** Tombstones on, as every service has them: a key is never re-made for an erased candidate. */
  cipher: AesGcmSubjectCipher;
  /**
   * A record as its reader sees it: the sealed fields opened (by the envelope's key) and merged
   * into the clear ones; a clear record as it is. Throws `subject-erased` once the key is gone.
   */
  opened<T>(record: object): Promise<T>;
  drop(): Promise<void>;
}

/** One per spec: the shared key table beside the test database's schema (`<schema>_keys`). */
export async function openSharedTestKeys(dataSource: DataSource, schema: string): Promise<SharedTestKeys> {
  const keysSchema = `${schema}_keys`;
  const table = await ensureSharedSubjectKeys(dataSource, keysSchema);
  const cipher = new AesGcmSubjectCipher(
    new PgSubjectKeyStore(dataSource, table, new PlainDataKeys(), { tombstones: true }),
  );
  return {
    table,
    cipher,
    opened: async <T>(record: object): Promise<T> => {
      if (!('sealed' in record)) return record as T;
      const { sealed, ...clear } = record;
      const { plaintext } = await cipher.open(sealed);
      return { ...clear, ...(JSON.parse(plaintext) as object) } as T;
    },
    drop: async () => {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${keysSchema}" CASCADE`);
    },
  };
}
