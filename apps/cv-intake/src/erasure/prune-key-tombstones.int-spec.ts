import {
  cvContactRequestCreatedV1,
  cvRetentionWarningCreatedV1,
  cvViewSummaryCreatedV1,
  erasureRequestedV1,
  matchCreatedV2,
  matchWithdrawnV1,
} from '@vigie/contracts';
import { destroySubjectKeys, erasedSubjectsTableOf } from '@vigie/database';
import { FakeClock, isSubjectErased } from '@vigie/kernel';
import { openSharedTestKeys, openTestDatabase, SharedTestKeys, TestDatabase } from '@vigie/testing';
import { CV_INTAKE_MIGRATIONS } from '../migrations/cv-intake-migrations';
import { PgKeyTombstones } from './pg-key-tombstones';
import { PruneKeyTombstonesUseCase } from './prune-key-tombstones.usecase';

const DAY_MS = 86_400_000;

/** The pruning of the shared key table's tombstones on real Postgres, time from a FakeClock. */
describe('PruneKeyTombstonesUseCase on Postgres', () => {
  let db: TestDatabase;
  let keys: SharedTestKeys;

  beforeAll(async () => {
    db = await openTestDatabase('key-tombstones', CV_INTAKE_MIGRATIONS);
    keys = await openSharedTestKeys(db.dataSource, db.schema);
  });

  afterAll(async () => {
    await keys?.drop();
    await db?.drop();
  });

  /** Erases the candidates as an erasure does (key deleted, tombstone written), at the database's now. */
  async function erase(...candidateIds: string[]): Promise<void> {
    for (const id of candidateIds) await keys.cipher.encrypt(id, 'before the erasure');
    await db.dataSource.transaction((tx) =>
      destroySubjectKeys(tx, keys.table, candidateIds, { tombstones: true }),
    );
    await keys.cipher.destroy(candidateIds);
  }
  async function tombstones(): Promise<number> {
    const [row] = await db.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM ${erasedSubjectsTableOf(keys.table)}`,
    );
    return row!.n;
  }
  const sealFor = (candidateId: string) =>
    keys.cipher.encrypt(candidateId, 'a late record').catch((e: unknown) => e);

  it('keeps the tombstones for the retention, then prunes those erased before it only', async () => {
    await erase('cand-old', 'cand-older');
    const [{ now }] = (await db.dataSource.query<Array<{ now: Date }>>(`SELECT now()`)) as [{ now: Date }];
    // Erased 20 days before the next one, by the database's clock as the erasure writes it.
    await db.dataSource.query(
      `UPDATE ${erasedSubjectsTableOf(keys.table)} SET erased_at = erased_at - interval '20 days'`,
    );
    await erase('cand-recent');
    const clock = new FakeClock(new Date(now.getTime()).toISOString());
    const sut = new PruneKeyTombstonesUseCase(new PgKeyTombstones(db.dataSource, keys.table), clock);

    expect(await sut.execute()).toEqual({ pruned: 0 });
    clock.set(
      new Date(now.getTime() + PruneKeyTombstonesUseCase.KEEP_MS - 20 * DAY_MS - 60_000).toISOString(),
    );
    expect(await sut.execute()).toEqual({ pruned: 0 });
    expect(await tombstones()).toBe(3);

    // Past the retention of the two erased 20 days earlier: they go, the recent one stays.
    clock.set(
      new Date(now.getTime() + PruneKeyTombstonesUseCase.KEEP_MS - 20 * DAY_MS + 60_000).toISOString(),
    );
    expect(await sut.execute()).toEqual({ pruned: 2 });
    expect(await tombstones()).toBe(1);
    expect(isSubjectErased(await sealFor('cand-recent'))).toBe(true);

    clock.set(new Date(now.getTime() + PruneKeyTombstonesUseCase.KEEP_MS + 60_000).toISOString());
    expect(await sut.execute()).toEqual({ pruned: 1 });
    expect(await sut.execute()).toEqual({ pruned: 0 });
    expect(await tombstones()).toBe(0);
  });

  it('outlives every topic that can carry a record about a candidate, and a day of consumer lag', () => {
    const topics = [
      cvRetentionWarningCreatedV1,
      cvViewSummaryCreatedV1,
      cvContactRequestCreatedV1,
      matchCreatedV2,
      matchWithdrawnV1,
      erasureRequestedV1,
    ];
    const longest = Math.max(...topics.map((t) => t.retentionMs ?? Infinity));
    expect(PruneKeyTombstonesUseCase.KEEP_MS).toBeGreaterThanOrEqual(longest + DAY_MS);
  });
});
