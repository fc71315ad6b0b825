import { randomUUID } from 'node:crypto';
import {
  CvView,
  cvViewSummaryCreatedV1,
  CvViewSummaryCreatedV1,
  ErasureConfirmedV1,
  TOPICS,
} from '@vigie/contracts';
import { PgSubjectKeyStore } from '@vigie/database';
import { AesGcmSubjectCipher, FakeClock, isSubjectErased, PlainDataKeys } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { openSharedTestKeys, openTestDatabase, SharedTestKeys, TestDatabase } from '@vigie/testing';
import { CandidateSealer } from '../cv-emails/candidate-sealer';
import { PgCvViewLedger } from '../cv-views/pg-cv-view-ledger';
import { PgCandidateCvStore } from '../erasure/pg-candidate-cv-store';
import { CV_INTAKE_MIGRATIONS } from '../migrations/cv-intake-migrations';
import { PgCvViewSummaries, summaryIdOf } from './pg-cv-view-summaries';
import { SummariseCvViewsUseCase } from './summarise-cv-views.usecase';

const R1 = { recruiterId: '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706', company: 'Atelier Loire' };
const R2 = { recruiterId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', company: 'Cabinet Durand' };
const R3 = { recruiterId: '1e0f9a8b-7c6d-4e5f-8a3b-2c1d0e9f8a7b', company: 'Clinique du Parc' };

/** The week's summaries on real Postgres, from views counted by the real ledger; time from a FakeClock. */
describe('SummariseCvViewsUseCase on Postgres', () => {
  let db: TestDatabase;
  let outbox: OutboxWriter;
  let keys: SharedTestKeys;
  const clock = new FakeClock('2026-11-30T04:30:00.000Z'); // Monday 05:30 in Paris
  const sut = () =>
    new SummariseCvViewsUseCase(
      new PgCvViewSummaries(db.dataSource, outbox, new CandidateSealer(keys.cipher)),
      clock,
      1,
    );

  async function cvOf(candidateId: string): Promise<string> {
    const [row]: Array<{ id: string }> = await db.dataSource.query(
      `INSERT INTO cvs (candidate_id, original_name, media_type, size_bytes) VALUES ($1, 'cv.json', 'application/json', 10) RETURNING id`,
      [candidateId],
    );
    return row!.id;
  }
  const view = (cvId: string, recruiter: typeof R1, viewedAt: string): CvView => ({
    viewId: randomUUID(),
    cvId,
    ...recruiter,
    viewedAt,
  });
  /** The summaries as alert-delivery reads them (opened), each with its record key checked. */
  async function announced(): Promise<Array<{ key: string; value: CvViewSummaryCreatedV1 }>> {
    const rows: Array<{ message_key: string; value: string }> = await db.dataSource.query(
      `SELECT message_key, value FROM outbox WHERE topic = $1`,
      [cvViewSummaryCreatedV1.topic],
    );
    const opened = await Promise.all(
      rows.map(async (r) => {
        const record = JSON.parse(r.value) as { sealed: { kid: string } };
        // Keyed by the candidate's key id, a pseudonym: no candidate id in the clear.
        expect(r.message_key).toBe(record.sealed.kid);
        expect(r.value).not.toMatch(/cand-|Atelier|Cabinet|Clinique/);
        return keys.opened<CvViewSummaryCreatedV1>(record);
      }),
    );
    return opened
      .map((value) => ({ key: value.candidateId, value }))
      .sort((x, y) => x.key.localeCompare(y.key));
  }

  beforeAll(async () => {
    db = await openTestDatabase('cv-view-summary', CV_INTAKE_MIGRATIONS);
    keys = await openSharedTestKeys(db.dataSource, db.schema);
    outbox = new OutboxWriter(db.schema);
    const [a1, a2, b, c] = [
      await cvOf('cand-a'),
      await cvOf('cand-a'),
      await cvOf('cand-b'),
      await cvOf('cand-c'),
    ];
    const first = view(a1, R1, '2026-11-23T08:00:00.000Z');
    await new PgCvViewLedger(db.dataSource).record([
      first,
      first, // a duplicate is one view
      view(a1, R2, '2026-11-25T10:00:00.000Z'),
      view(a1, R1, '2026-11-29T22:30:00.000Z'), // Sunday 23:30 in Paris: this week
      view(a1, R3, '2026-11-29T23:30:00.000Z'), // Monday 00:30 in Paris: the next week
      view(a2, R3, '2026-11-24T12:00:00.000Z'),
      view(b, R1, '2026-11-22T22:30:00.000Z'), // Sunday 23:30 in Paris: the week before
      view(c, R2, '2026-11-26T09:00:00.000Z'),
    ]);
  });

  afterAll(async () => {
    await keys?.drop();
    await db?.drop();
  });

  it('announces one summary per candidate viewed in the Paris week, Monday from 06:00, once across runs and replicas', async () => {
    expect(await sut().execute()).toEqual({ weekStart: '2026-11-23', computed: null, announced: 0 });
    expect(await announced()).toEqual([]);

    clock.set('2026-11-30T05:00:00.000Z'); // 06:00 in Paris
    const rounds = await Promise.all([sut().execute(), sut().execute()]);
    expect(rounds.map((r) => r.computed).sort()).toEqual([2, null]);
    expect(rounds.reduce((n, r) => n + r.announced, 0)).toBe(2);
    expect(await sut().execute()).toEqual({ weekStart: '2026-11-23', computed: null, announced: 0 });

    expect(await announced()).toEqual([
      {
        key: 'cand-a',
        value: {
          summaryId: summaryIdOf('cand-a', '2026-11-23'),
          candidateId: 'cand-a',
          weekStart: '2026-11-23',
          recruiterCount: 3,
          viewCount: 4,
          companies: ['Atelier Loire', 'Cabinet Durand', 'Clinique du Parc'],
          createdAt: '2026-11-30T05:00:00.000Z',
        },
      },
      {
        key: 'cand-c',
        value: expect.objectContaining({ candidateId: 'cand-c', recruiterCount: 1, viewCount: 1 }),
      },
    ]);
    expect(JSON.stringify(await announced())).not.toContain('@');
  });

  it('forgets a candidate’s summaries, their events and their address on erasure (a tombstone)', async () => {
    const store = new PgCandidateCvStore(db.dataSource, outbox, keys.cipher, keys.table);
    const [before] = await db.dataSource.query<Array<{ value: string }>>(
      `SELECT value FROM outbox WHERE topic = $1 AND message_key = (SELECT key_id::text FROM ${keys.table} WHERE subject_id = 'cand-a')`,
      [cvViewSummaryCreatedV1.topic],
    );
    // One of cand-a's two CVs has a key of its own (a sealed view of it was produced).
    const cvs = await store.cvsOf('cand-a');
    const cvCipher = new AesGcmSubjectCipher(
      new PgSubjectKeyStore(db.dataSource, 'cv_keys', new PlainDataKeys()),
    );
    await cvCipher.encrypt(cvs[0]!.cvId, 'a viewer');
    const [erasureId, replayId] = [randomUUID(), randomUUID()];
    await store.deleteAndConfirm('cand-a', cvs, erasureId, { cvs: cvs.length }, clock.now());
    await store.deleteAndConfirm('cand-a', [], replayId, { cvs: 0 }, clock.now());

    // The receipt counts the keys destroyed alongside the rows; a replay finds none left.
    const confirmations = (
      await db.dataSource.query<Array<{ value: string }>>(`SELECT value FROM outbox WHERE topic = $1`, [
        TOPICS.erasureConfirmed,
      ])
    ).map((r) => JSON.parse(r.value) as ErasureConfirmedV1);
    expect(confirmations.map((c) => [c.erasureId, c.erased])).toEqual([
      [erasureId, { cvs: 2, keys: 1, cvKeys: 1 }],
      [replayId, { cvs: 0, keys: 0, cvKeys: 0 }],
    ]);
    const keysLeft: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM ${keys.table} WHERE subject_id = 'cand-a' UNION ALL SELECT 1 FROM cv_keys WHERE subject_id = ANY($1::uuid[])`,
      [cvs.map((cv) => cv.cvId)],
    );
    expect(keysLeft).toEqual([]);

    const left: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM cv_view_summaries WHERE candidate_id = 'cand-a'`,
    );
    expect(left).toEqual([]);
    expect((await announced()).map((a) => a.key)).toEqual(['cand-c']);
    // A copy taken before (on the topic, in a backup) can no longer be opened.
    const error = await keys.opened(JSON.parse(before!.value) as object).catch((e: unknown) => e);
    expect(isSubjectErased(error)).toBe(true);
    const address: Array<{ value: string }> = await db.dataSource.query(
      `SELECT value FROM outbox WHERE topic = $1 AND message_key = 'cand-a'`,
      [TOPICS.candidateNotificationAddressChanged],
    );
    expect(address).toEqual([{ value: '' }]);
  });

  it('forgets announced summaries five weeks on', async () => {
    clock.set('2027-01-11T05:00:00.000Z');
    await sut().execute();
    const left: unknown[] = await db.dataSource.query(`SELECT 1 FROM cv_view_summaries`);
    expect(left).toEqual([]);
  });
});
