import { AesGcmSubjectCipher, isSubjectErased, MasterKeyWrapper, PlainDataKeys } from '@vigie/kernel';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { randomUUID } from 'node:crypto';
import { destroySubjectKeys, ensureSharedSubjectKeys, PgSubjectKeyStore } from './pg-subject-key-store';
import { subjectKeysTableDdl } from './subject-keys-ddl';

describe('PgSubjectKeyStore (Postgres)', () => {
  let db: TestDatabase;
  let table: string;

  beforeAll(async () => {
    db = await openTestDatabase('subject_keys', []);
    table = `"${db.schema}".subject_keys`;
    await db.dataSource.query(subjectKeysTableDdl(table, { subjectType: 'text' }));
  });
  afterAll(() => db.drop());

  it('makes one key per subject even when twenty first uses race', async () => {
    const sut = new PgSubjectKeyStore(db.dataSource, table, new PlainDataKeys());
    const subject = randomUUID();
    const keys = await Promise.all(Array.from({ length: 20 }, () => sut.keyFor(subject)));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    expect(new Set(keys.map((k) => k.key.toString('hex'))).size).toBe(1);
    const rows: unknown[] = await db.dataSource.query(`SELECT 1 FROM ${table} WHERE subject_id = $1`, [
      subject,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('stores the data key wrapped under the master key, and names a master mismatch', async () => {
    const sut = new PgSubjectKeyStore(db.dataSource, table, new MasterKeyWrapper(Buffer.alloc(32, 5)));
    const subject = randomUUID();
    const { key } = await sut.keyFor(subject);
    const [row]: Array<{ data_key: Buffer }> = await db.dataSource.query(
      `SELECT data_key FROM ${table} WHERE subject_id = $1`,
      [subject],
    );
    expect(row!.data_key.includes(key)).toBe(false);
    expect((await sut.existingKey(subject))!.key.equals(key)).toBe(true);
    const other = new PgSubjectKeyStore(db.dataSource, table, new MasterKeyWrapper(Buffer.alloc(32, 6)));
    await expect(other.existingKey(subject)).rejects.toThrow(/wrapped by aes-256-gcm:/);
  });

  it('destroys keys inside a transaction: what they sealed is subject-erased, never re-made by a reader', async () => {
    const store = new PgSubjectKeyStore(db.dataSource, table, new PlainDataKeys());
    const sut = new AesGcmSubjectCipher(store);
    const subject = randomUUID();
    const sealed = await sut.encrypt(subject, 'Acme Recrutement');
    expect(await sut.decrypt(subject, sealed)).toBe('Acme Recrutement');
    const destroyed = await db.dataSource.transaction((tx) =>
      destroySubjectKeys(tx, table, [subject, randomUUID()]),
    );
    expect(destroyed).toBe(1);
    const error = await sut.decrypt(subject, sealed).catch((e: unknown) => e);
    expect(isSubjectErased(error)).toBe(true);
    expect(await store.existingKey(subject)).toBeUndefined();
  });

  it('makes the shared table once however many services boot at once, and finds a key by its id', async () => {
    const schema = `${db.schema}_shared`;
    const tables = await Promise.all([1, 2, 3].map(() => ensureSharedSubjectKeys(db.dataSource, schema)));
    expect(new Set(tables)).toEqual(new Set([`"${schema}".candidate_keys`]));
    const sut = new PgSubjectKeyStore(db.dataSource, tables[0]!, new PlainDataKeys());
    const { keyId, key } = await sut.keyFor('cand-42');
    const found = await sut.keyById(keyId);
    expect(found?.subjectId).toBe('cand-42');
    expect(found?.key.equals(key)).toBe(true);
    expect(await sut.keyById('not-a-uuid')).toBeUndefined();
    await db.dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  });
});
