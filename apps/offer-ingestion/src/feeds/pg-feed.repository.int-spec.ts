import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { OFFER_INGESTION_MIGRATIONS } from '../migrations/offer-ingestion-migrations';
import { issueApiKey } from '../recruiters/api-key';
import { PgRecruiterRepository } from '../recruiters/pg-recruiter.repository';
import { FeedFetchRecord } from './feed';
import { PgFeedRepository } from './pg-feed.repository';

const T0 = new Date('2026-12-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const record = (status: FeedFetchRecord['status']): FeedFetchRecord => ({
  startedAt: T0,
  finishedAt: at(1_000),
  status,
  finalUrl: 'https://ats.example.fr/feed.jsonl',
  importId: status === 'imported' ? 'import-1' : null,
  errorCode: status === 'failed' ? 'HTTP_STATUS' : null,
  errorMessage: status === 'failed' ? 'HTTP 503' : null,
});

describe('PgFeedRepository on Postgres', () => {
  let db: TestDatabase;
  let sut: PgFeedRepository;
  let recruiterId: string;
  let otherId: string;
  const register = (nextFetchAt = T0) =>
    sut.create({
      recruiterId,
      url: 'https://ats.example.fr/feed.jsonl',
      format: 'jsonl',
      mode: 'snapshot',
      intervalMinutes: 60,
      nextFetchAt,
      createdAt: T0,
    });

  beforeAll(async () => {
    db = await openTestDatabase('feeds-repo', OFFER_INGESTION_MIGRATIONS);
    sut = new PgFeedRepository(db.dataSource);
    const recruiters = new PgRecruiterRepository(db.dataSource);
    recruiterId = (await recruiters.create('Cabinet Flux', issueApiKey())).id;
    otherId = (await recruiters.create('Cabinet Autre', issueApiKey())).id;
  });

  beforeEach(async () => {
    await db.dataSource.query(`DELETE FROM feeds`);
  });

  afterAll(async () => {
    await db.drop();
  });

  it("scopes every read and change to the recruiter's own feeds", async () => {
    const feed = await register();

    expect(await sut.find(otherId, feed.id)).toBeNull();
    expect(await sut.list(otherId)).toEqual([]);
    expect(await sut.makeDue(otherId, feed.id, T0)).toBe(false);
    expect(await sut.delete(otherId, feed.id)).toBe(false);
    expect(await sut.find(recruiterId, feed.id)).toMatchObject({ id: feed.id, intervalMinutes: 60 });
    expect(await sut.delete(recruiterId, feed.id)).toBe(true);
    expect(await sut.list(recruiterId)).toEqual([]);
  });

  it('leases a due feed to one claimer at a time, until the lease runs out', async () => {
    const feed = await register();

    const [a, b, c] = await Promise.all([
      sut.claimDue(T0, at(60_000), 10),
      sut.claimDue(T0, at(60_000), 10),
      sut.claimDue(T0, at(60_000), 10),
    ]);
    expect([a, b, c].map((x) => x.length).sort()).toEqual([0, 0, 1]);
    expect(await sut.claimDue(at(59_999), at(120_000), 10)).toEqual([]);

    // The holder died: once its lease has run out, another replica takes the feed.
    const retaken = await sut.claimDue(at(60_000), at(120_000), 10);
    expect(retaken.map((x) => x.feed.id)).toEqual([feed.id]);
  });

  it('completes a fetch: history, next due time, validators, lease released; a lost lease changes nothing', async () => {
    const feed = await register();
    const [claim] = await sut.claimDue(T0, at(60_000), 1);
    const [stolen] = await sut.claimDue(at(60_000), at(120_000), 1);

    expect(
      await sut.complete(claim!, {
        record: record('imported'),
        nextFetchAt: at(3_600_000),
        validators: { etag: '"a"', lastModified: null },
      }),
    ).toBe(false);
    expect(
      await sut.complete(stolen!, {
        record: record('imported'),
        nextFetchAt: at(3_600_000),
        validators: { etag: '"v2"', lastModified: 'Tue, 01 Dec 2026 07:00:00 GMT' },
      }),
    ).toBe(true);

    expect(await sut.find(recruiterId, feed.id)).toMatchObject({
      etag: '"v2"',
      lastModified: 'Tue, 01 Dec 2026 07:00:00 GMT',
      nextFetchAt: at(3_600_000),
    });
    expect(await sut.claimDue(at(3_599_999), at(4_000_000), 1)).toEqual([]);
    const [next] = await sut.claimDue(at(3_600_000), at(4_000_000), 1);
    await sut.complete(next!, { record: record('not-modified'), nextFetchAt: at(7_200_000) });
    expect((await sut.find(recruiterId, feed.id))!.etag).toBe('"v2"');
    expect((await sut.history(feed.id, 10)).map((h) => h.status)).toEqual(['not-modified', 'imported']);
  });

  it('fetch now makes a feed due at once, never later than it already was', async () => {
    const feed = await register(at(3_600_000));
    expect(await sut.claimDue(at(1), at(60_000), 1)).toEqual([]);

    expect(await sut.makeDue(recruiterId, feed.id, at(1))).toBe(true);

    expect((await sut.claimDue(at(1), at(60_000), 1)).map((c) => c.feed.id)).toEqual([feed.id]);
  });

  it('keeps the last 100 fetches of a feed', async () => {
    const feed = await register();
    for (let i = 0; i < 103; i++) {
      const [claim] = await sut.claimDue(at(i * 1_000), at(i * 1_000 + 500), 1);
      await sut.complete(claim!, { record: record('failed'), nextFetchAt: at((i + 1) * 1_000) });
    }
    const rows = await db.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM feed_fetches WHERE feed_id = $1`,
      [feed.id],
    );
    expect(rows[0]!.n).toBe(100);
  });
});
