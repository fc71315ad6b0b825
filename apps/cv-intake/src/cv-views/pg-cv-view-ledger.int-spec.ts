import type { CvView } from '@vigie/contracts';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { randomUUID } from 'node:crypto';
import { CV_INTAKE_MIGRATIONS } from '../migrations/cv-intake-migrations';
import { PgCvViewLedger } from './pg-cv-view-ledger';

describe('PgCvViewLedger on Postgres', () => {
  let db: TestDatabase;
  let sut: PgCvViewLedger;
  let cvId: string;

  beforeAll(async () => {
    db = await openTestDatabase('cv-views', CV_INTAKE_MIGRATIONS);
    sut = new PgCvViewLedger(db.dataSource);
    const [row]: Array<{ id: string }> = await db.dataSource.query(
      `INSERT INTO cvs (candidate_id, original_name, media_type, size_bytes) VALUES ('cand-1', 'cv.json', 'application/json', 10) RETURNING id`,
    );
    cvId = row!.id;
  });

  afterAll(async () => {
    await db?.drop();
  });

  const view = (viewedAt: string, company = 'Atelier Loire'): CvView => ({
    viewId: randomUUID(),
    cvId,
    recruiterId: '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706',
    company,
    viewedAt,
  });

  it('counts each view once per Paris day, whatever the replays, duplicates and concurrent redeliveries', async () => {
    // 23:30 UTC on 1 December is 00:30 on 2 December in Paris.
    const views = [
      view('2026-12-01T09:00:00.000Z'),
      view('2026-12-01T18:00:00.000Z', 'Cabinet Durand'),
      view('2026-12-01T23:30:00.000Z'),
    ];

    expect(await sut.record([views[0]!, views[0]!, views[1]!])).toBe(2);
    expect(await sut.record(views)).toBe(1);
    // A whole batch redelivered twice at once (two consumers after a rebalance).
    expect((await Promise.all([sut.record(views), sut.record(views)])).reduce((a, b) => a + b)).toBe(0);

    const page = await sut.pageFor('cand-1', cvId, 10);
    expect(page?.days).toEqual([
      { day: '2026-12-02', views: 1 },
      { day: '2026-12-01', views: 2 },
    ]);
    expect(page?.viewers).toEqual([
      { company: 'Atelier Loire', viewedAt: '2026-12-01T23:30:00.000Z' },
      { company: 'Cabinet Durand', viewedAt: '2026-12-01T18:00:00.000Z' },
      { company: 'Atelier Loire', viewedAt: '2026-12-01T09:00:00.000Z' },
    ]);
  });

  it('ignores a view of a CV that no longer exists (erased), without failing the batch', async () => {
    const gone = { ...view('2026-12-03T10:00:00.000Z'), cvId: randomUUID() };
    const kept = view('2026-12-03T10:00:00.000Z');

    expect(await sut.record([gone, kept])).toBe(1);
  });

  it('shows the page to the CV’s owner only', async () => {
    expect(await sut.pageFor('cand-2', cvId, 10)).toBeUndefined();
    expect(await sut.pageFor('cand-1', 'not-a-uuid', 10)).toBeUndefined();
    expect(await sut.pageFor('cand-1', randomUUID(), 10)).toBeUndefined();
  });
});
