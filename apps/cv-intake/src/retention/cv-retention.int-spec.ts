import { Client } from '@opensearch-project/opensearch';
import { CvProfileChangedV1, CvRetentionWarningCreatedV1, TOPICS } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { OutboxWriter, TOMBSTONE_VALUE } from '@vigie/messaging';
import {
  goldenFixture,
  openSharedTestKeys,
  openTestDatabase,
  SharedTestKeys,
  TestDatabase,
  testInfra,
  uniqueId,
} from '@vigie/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateSealer } from '../cv-emails/candidate-sealer';
import { CV_INTAKE_MIGRATIONS } from '../migrations/cv-intake-migrations';
import { cvIndexNames } from '../search/cv-index.mapping';
import { OpenSearchCvIndex } from '../search/opensearch-cv-index';
import { FilesystemFileStorage } from '../storage/filesystem-file-storage';
import { ApplyCvRetentionUseCase } from './apply-cv-retention.usecase';
import { CandidateRetentionUseCase } from './candidate-retention.usecase';
import { PgCvRetentionStore } from './pg-cv-retention-store';

const searchable = goldenFixture<CvProfileChangedV1>(TOPICS.cvProfileChanged, 'searchable');

/**
 * The retention with a controllable clock on real Postgres, OpenSearch and files: warned a month
 * before two years of inactivity, erased at the date (rows, original, index document), never
 * less than a month after the warning, and kept when the candidate extends.
 */
describe('CV retention (FakeClock, real Postgres, OpenSearch and file storage)', () => {
  const search = new Client({ node: testInfra().searchUrl });
  const names = cvIndexNames(`${uniqueId('retention')}-`);
  const index = new OpenSearchCvIndex(search, names, 0);
  const storageDir = mkdtempSync(join(tmpdir(), 'vigie-retention-'));
  const storage = new FilesystemFileStorage(storageDir);
  let db: TestDatabase;
  let keys: SharedTestKeys;
  let clock: FakeClock;
  let sut: ApplyCvRetentionUseCase;
  let candidates: CandidateRetentionUseCase;

  beforeAll(async () => {
    await index.ensureIndex();
  });

  beforeEach(async () => {
    db = await openTestDatabase('cv-retention', CV_INTAKE_MIGRATIONS);
    keys = await openSharedTestKeys(db.dataSource, db.schema);
    clock = new FakeClock('2024-01-10T09:00:00.000Z');
    const store = new PgCvRetentionStore(
      db.dataSource,
      new OutboxWriter(db.schema),
      new CandidateSealer(keys.cipher),
    );
    sut = new ApplyCvRetentionUseCase(store, index, storage, clock);
    candidates = new CandidateRetentionUseCase(store, clock);
  });

  afterEach(async () => {
    await keys.drop();
    await db.drop();
  });

  afterAll(async () => {
    await search.indices.delete({ index: names.index }, { ignore: [404] });
    await search.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  /** A CV uploaded at the clock's time: its row, its stored original, its profile and document. */
  async function upload(candidateId: string) {
    const storageKey = await storage.put(Buffer.from(`CV of ${candidateId}`));
    const [row]: Array<{ id: string }> = await db.dataSource.query(
      `INSERT INTO cvs (candidate_id, original_name, media_type, size_bytes, storage_key, state, created_at)
       VALUES ($1, 'cv.json', 'application/json', 20, $2, 'parsed', $3) RETURNING id`,
      [candidateId, storageKey, clock.now()],
    );
    const cvId = row!.id;
    await db.dataSource.query(`INSERT INTO cv_profiles (cv_id, profile, version) VALUES ($1, $2, 1)`, [
      cvId,
      JSON.stringify(searchable.profile),
    ]);
    await index.write([
      {
        kind: 'upsert',
        cvId,
        version: 1,
        profile: searchable.profile!,
        indexedAt: clock.now().toISOString(),
      },
    ]);
    return { cvId, storageKey };
  }

  /** As alert-delivery reads them: sealed, keyed by the candidate's key id (no id in the clear). */
  async function warningsFor(candidateId: string): Promise<CvRetentionWarningCreatedV1[]> {
    const rows: Array<{ value: string }> = await db.dataSource.query(
      `SELECT o.value FROM outbox o JOIN ${keys.table} k ON k.key_id::text = o.message_key
       WHERE o.topic = $1 AND k.subject_id = $2 ORDER BY o.id`,
      [TOPICS.cvRetentionWarningCreated, candidateId],
    );
    for (const r of rows) expect(r.value).not.toContain(candidateId);
    return Promise.all(
      rows.map((r) => keys.opened<CvRetentionWarningCreatedV1>(JSON.parse(r.value) as object)),
    );
  }

  async function cvsOf(candidateId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM cvs WHERE candidate_id = $1`,
      [candidateId],
    );
    return row!.n;
  }

  const indexed = async (cvId: string) =>
    (await search.get({ index: names.alias, id: cvId }, { ignore: [404] })).statusCode === 200;

  it('warns once a month before two years of inactivity, then erases rows, original and document at the date', async () => {
    const old = await upload('cand-inactive');
    await upload('cand-active');
    clock.set('2025-06-01T12:00:00.000Z');
    await upload('cand-active');

    clock.set('2025-12-10T09:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 0, erased: 0 });

    clock.set('2025-12-11T09:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 1, erased: 0 });
    expect(await sut.execute()).toEqual({ warned: 0, erased: 0 });
    expect(await warningsFor('cand-inactive')).toEqual([
      expect.objectContaining({
        candidateId: 'cand-inactive',
        lastActiveAt: '2024-01-10T09:00:00.000Z',
        erasesAt: '2026-01-10T09:00:00.000Z',
        cvCount: 1,
        createdAt: '2025-12-11T09:00:00.000Z',
      }),
    ]);
    expect(await candidates.status('cand-inactive')).toEqual({
      lastActiveAt: '2024-01-10T09:00:00.000Z',
      erasesAt: '2026-01-10T09:00:00.000Z',
      warnedAt: '2025-12-11T09:00:00.000Z',
    });

    clock.set('2026-01-10T08:59:59.000Z');
    expect(await sut.execute()).toEqual({ warned: 0, erased: 0 });
    expect(await indexed(old.cvId)).toBe(true);

    clock.set('2026-01-10T09:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 0, erased: 1 });
    expect(await cvsOf('cand-inactive')).toBe(0);
    await expect(storage.get(old.storageKey)).rejects.toThrow();
    expect(await indexed(old.cvId)).toBe(false);
    // The CV's only record left for the compacted topic is its tombstone.
    const records: Array<{ value: string }> = await db.dataSource.query(
      `SELECT value FROM outbox WHERE topic = $1 AND message_key = $2 ORDER BY id`,
      [TOPICS.cvProfileChanged, old.cvId],
    );
    expect(records).toEqual([{ value: TOMBSTONE_VALUE }]);
    const [retention]: Array<{ n: number }> = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM cv_retention WHERE candidate_id = 'cand-inactive'`,
    );
    expect(retention!.n).toBe(0);
    // Active within the two years: untouched, not even warned.
    expect(await cvsOf('cand-active')).toBe(2);
    expect(await warningsFor('cand-active')).toEqual([]);
  });

  it('keeps the CVs of a candidate who extends after the warning, and warns again two years later', async () => {
    const cv = await upload('cand-extends');
    clock.set('2025-12-11T09:00:00.000Z');
    await sut.execute();

    clock.set('2025-12-20T10:00:00.000Z');
    expect(await candidates.extend('cand-extends')).toEqual({
      lastActiveAt: '2025-12-20T10:00:00.000Z',
      erasesAt: '2027-12-20T10:00:00.000Z',
      warnedAt: null,
    });
    clock.set('2026-02-01T00:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 0, erased: 0 });
    expect(await indexed(cv.cvId)).toBe(true);

    clock.set('2027-11-20T10:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 1, erased: 0 });
    const warnings = await warningsFor('cand-extends');
    expect(warnings.map((w) => w.erasesAt)).toEqual(['2026-01-10T09:00:00.000Z', '2027-12-20T10:00:00.000Z']);
    expect(new Set(warnings.map((w) => w.warningId)).size).toBe(2);
  });

  it('never erases less than a month after the warning, however old the CV', async () => {
    clock.set('2020-01-01T00:00:00.000Z');
    await upload('cand-ancient');

    clock.set('2026-03-01T00:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 1, erased: 0 });
    expect((await warningsFor('cand-ancient'))[0]!.erasesAt).toBe('2026-03-31T00:00:00.000Z');

    clock.set('2026-03-30T23:59:59.000Z');
    expect(await sut.execute()).toEqual({ warned: 0, erased: 0 });
    clock.set('2026-03-31T00:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 0, erased: 1 });
    expect(await cvsOf('cand-ancient')).toBe(0);
  });

  it('erases a CV uploaded after the warning only at its own time', async () => {
    await upload('cand-returns');
    clock.set('2025-12-11T09:00:00.000Z');
    await sut.execute();
    clock.set('2025-12-15T09:00:00.000Z');
    await upload('cand-returns');

    clock.set('2026-01-10T09:00:00.000Z');
    expect(await sut.execute()).toEqual({ warned: 0, erased: 0 });
    expect(await cvsOf('cand-returns')).toBe(2);
    expect(await candidates.status('cand-returns')).toMatchObject({ erasesAt: '2027-12-15T09:00:00.000Z' });
  });
});
