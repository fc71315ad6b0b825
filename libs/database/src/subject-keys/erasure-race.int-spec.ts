import { AesGcmSubjectCipher, isSubjectErased, PlainDataKeys } from '@vigie/kernel';
import { eventually, openTestDatabase, TestDatabase } from '@vigie/testing';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { destroySubjectKeys, ensureSharedSubjectKeys, PgSubjectKeyStore } from './pg-subject-key-store';
import { subjectKeysTableDdl } from './subject-keys-ddl';

/**
 * A first use of a subject's key racing its erasure: the erasure's transaction is held open after
 * it destroyed the key, a first use is started and seen waiting on Postgres, then the erasure
 * commits. The key must not come back (it would hold an erased subject's id and seal new data).
 */
describe('a key made while its subject is erased (real Postgres)', () => {
  let db: TestDatabase;
  let shared: string;
  let referencing: string;
  let subjects: string;

  beforeAll(async () => {
    db = await openTestDatabase('subject_key_race', []);
    shared = await ensureSharedSubjectKeys(db.dataSource, `${db.schema}_shared`);
    subjects = `"${db.schema}".subjects`;
    referencing = `"${db.schema}".subject_keys`;
    await db.dataSource.query(`CREATE TABLE ${subjects} (id uuid PRIMARY KEY)`);
    await db.dataSource.query(
      subjectKeysTableDdl(referencing, { subjectType: 'uuid', references: `${subjects} (id)` }),
    );
  });
  afterAll(async () => {
    await db.dataSource.query(`DROP SCHEMA IF EXISTS "${db.schema}_shared" CASCADE`);
    await db.drop();
  });

  const keyRows = async (table: string, subject: string): Promise<number> =>
    (await db.dataSource.query<unknown[]>(`SELECT 1 FROM ${table} WHERE subject_id = $1`, [subject])).length;

  /**
   * Runs `erase` in a transaction kept open until `racer` (started inside it) waits on a lock, or
   * (`waits: false`) until it settles: a key still visible to it is the old one, about to go.
   */
  async function raceAgainstErasure<T>(
    erase: (tx: EntityManager) => Promise<unknown>,
    racer: () => Promise<T>,
    waits = true,
  ): Promise<PromiseSettledResult<T>> {
    let raced: Promise<PromiseSettledResult<T>> | undefined;
    await db.dataSource.transaction(async (tx) => {
      await erase(tx);
      raced = racer().then(
        (value) => ({ status: 'fulfilled', value }),
        (reason: unknown) => ({ status: 'rejected', reason }),
      );
      // The racer is blocked behind this transaction (an advisory lock or the subject's row).
      if (!waits) {
        await raced;
        return;
      }
      // The racer is blocked behind this transaction (an advisory lock or the subject's row).
      await eventually(async () => {
        const [{ waiting }] = await db.dataSource.query<[{ waiting: number }]>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND (query LIKE 'SELECT pg_advisory_xact_lock(hashtextextended%' OR position($1 in query) > 0)`,
          [db.schema],
        );
        if (waiting === 0) throw new Error('the first use is not waiting on the erasure yet');
      });
    });
    return raced!;
  }

  it('shared table: a seal racing the erasure gets the doomed key at most, and no key row is left', async () => {
    const sut = new AesGcmSubjectCipher(
      new PgSubjectKeyStore(db.dataSource, shared, new PlainDataKeys(), { tombstones: true }),
    );
    const candidate = `cand-${randomUUID()}`;
    const before = await sut.encrypt(candidate, 'Acme Recrutement');

    const raced = await raceAgainstErasure(
      (tx) => destroySubjectKeys(tx, shared, [candidate], { tombstones: true }),
      () => sut.encrypt(candidate, 'sealed during the erasure'),
      false,
    );

    expect(await keyRows(shared, candidate)).toBe(0);
    for (const sealed of raced.status === 'fulfilled' ? [before, raced.value] : [before]) {
      expect(isSubjectErased(await sut.decrypt(candidate, sealed).catch((e: unknown) => e))).toBe(true);
    }
    // Later first uses too, by every instance: the tombstone names the candidate by digest only.
    const later = await Promise.all(
      [1, 2, 3].map(() => sut.encrypt(candidate, 'x').catch((e: unknown) => e)),
    );
    expect(later.every(isSubjectErased)).toBe(true);
    expect(await keyRows(shared, candidate)).toBe(0);
    const tombstones: Array<{ digest: string }> = await db.dataSource.query(
      `SELECT encode(subject_digest, 'escape') AS digest FROM ${shared}_erased`,
    );
    expect(tombstones.some((t) => t.digest.includes(candidate))).toBe(false);
  });

  it('shared table: a first use waiting on the erasure is refused as erased (the tombstone, not the delete, decides)', async () => {
    const sut = new PgSubjectKeyStore(db.dataSource, shared, new PlainDataKeys(), { tombstones: true });
    const candidate = `cand-${randomUUID()}`;
    const raced = await raceAgainstErasure(
      (tx) => destroySubjectKeys(tx, shared, [candidate], { tombstones: true }),
      () => sut.keyFor(candidate),
    );
    expect(raced.status).toBe('rejected');
    expect(isSubjectErased((raced as PromiseRejectedResult).reason)).toBe(true);
    expect(await keyRows(shared, candidate)).toBe(0);
  });

  it('without tombstones the race re-makes the key (what the tombstones close)', async () => {
    const sut = new PgSubjectKeyStore(db.dataSource, shared, new PlainDataKeys());
    const candidate = `cand-${randomUUID()}`;
    await sut.keyFor(candidate);
    await db.dataSource.transaction((tx) => destroySubjectKeys(tx, shared, [candidate]));
    await sut.keyFor(candidate);
    expect(await keyRows(shared, candidate)).toBe(1);
  });

  it('referencing table: a first use waiting on the subject row being deleted is refused as erased', async () => {
    const sut = new PgSubjectKeyStore(db.dataSource, referencing, new PlainDataKeys());
    const subject = randomUUID();
    // Never keyed yet: the first use finds no key and must insert one, behind the deletion.
    await db.dataSource.query(`INSERT INTO ${subjects} (id) VALUES ($1)`, [subject]);

    const raced = await raceAgainstErasure(
      (tx) => tx.query(`DELETE FROM ${subjects} WHERE id = $1`, [subject]),
      () => sut.keyFor(subject),
    );

    expect(raced.status).toBe('rejected');
    expect(isSubjectErased((raced as PromiseRejectedResult).reason)).toBe(true);
    expect(await keyRows(referencing, subject)).toBe(0);
  });
});
