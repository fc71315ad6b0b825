import { FakeClock } from '@vigie/kernel';
import pino from 'pino';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { Feed, FeedFetchRecord } from './feed';
import { FeedFetcher, FeedFetchError, FeedFetchOutcome, FeedFetchRequest } from './feed-fetcher.port';
import { FeedImportRequest, FeedImportStarter } from './feed-import-starter.port';
import { ClaimedFeed, FeedRepository, FetchCompletion } from './feed.repository.port';
import { FetchDueFeedsUseCase } from './fetch-due-feeds.usecase';

const START = '2026-12-01T08:00:00.000Z';

function feed(overrides: Partial<Feed> = {}): Feed {
  return {
    id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    recruiterId: '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b',
    url: 'https://ats.example.fr/feed.jsonl',
    format: 'jsonl',
    mode: 'snapshot',
    intervalMinutes: 60,
    nextFetchAt: new Date(START),
    etag: '"v1"',
    lastModified: null,
    createdAt: new Date(START),
    ...overrides,
  };
}

/** Hands out the due feeds once each, like the lease would, and records completions. */
class FakeFeedRepository extends FeedRepository {
  readonly completions: Array<{ claim: ClaimedFeed; completion: FetchCompletion }> = [];
  readonly claims: Array<{ now: Date; leaseUntil: Date; limit: number }> = [];
  constructor(private due: Feed[]) {
    super();
  }
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedFeed[]> {
    this.claims.push({ now, leaseUntil, limit });
    const taken = this.due.slice(0, limit);
    this.due = this.due.slice(limit);
    return taken.map((f) => ({ feed: f, leaseToken: `lease-${f.id}` }));
  }
  async complete(claim: ClaimedFeed, completion: FetchCompletion): Promise<boolean> {
    this.completions.push({ claim, completion });
    return true;
  }
  create = () => Promise.reject(new Error('not used'));
  list = () => Promise.resolve([]);
  find = () => Promise.resolve(null);
  history = () => Promise.resolve<FeedFetchRecord[]>([]);
  delete = () => Promise.resolve(false);
  makeDue = () => Promise.resolve(false);
}

class ScriptedFetcher extends FeedFetcher {
  readonly requests: FeedFetchRequest[] = [];
  constructor(private readonly answer: (r: FeedFetchRequest) => FeedFetchOutcome) {
    super();
  }
  async fetch(request: FeedFetchRequest): Promise<FeedFetchOutcome> {
    this.requests.push(request);
    return this.answer(request);
  }
}

class RecordingImports extends FeedImportStarter {
  readonly started: Array<FeedImportRequest & { text: string }> = [];
  failWith: Error | undefined;
  async start(request: FeedImportRequest): Promise<{ importId: string }> {
    if (this.failWith) throw this.failWith;
    this.started.push({ ...request, text: await text(request.body) });
    return { importId: `import-${this.started.length}` };
  }
}

const body = (content: string): FeedFetchOutcome => ({
  kind: 'body',
  finalUrl: 'https://ats.example.fr/feed.jsonl',
  body: Readable.from([content]),
  contentType: 'application/x-ndjson',
  contentEncoding: 'gzip',
  etag: '"v2"',
  lastModified: 'Tue, 01 Dec 2026 07:00:00 GMT',
});

function newTestService(due: Feed[], answer: (r: FeedFetchRequest) => FeedFetchOutcome) {
  const mocks = {
    feeds: new FakeFeedRepository(due),
    fetcher: new ScriptedFetcher(answer),
    imports: new RecordingImports(),
    clock: new FakeClock(START),
  };
  const sut = new FetchDueFeedsUseCase(
    mocks.feeds,
    mocks.fetcher,
    mocks.imports,
    mocks.clock,
    { concurrency: 2, leaseMs: 900_000 },
    pino({ level: 'silent' }),
  );
  return { sut, mocks };
}

describe('FetchDueFeedsUseCase', () => {
  it('fetches with the stored validators and hands a new body to the import, then keeps the new validators', async () => {
    const { sut, mocks } = newTestService([feed()], () => body('{"externalRef":"A"}\n'));

    expect(await sut.execute()).toBe(1);

    expect(mocks.fetcher.requests).toEqual([
      { url: 'https://ats.example.fr/feed.jsonl', etag: '"v1"', lastModified: null },
    ]);
    expect(mocks.imports.started[0]).toMatchObject({
      recruiterId: feed().recruiterId,
      text: '{"externalRef":"A"}\n',
      declaredType: 'application/x-ndjson',
      formatHint: 'jsonl',
      contentEncoding: 'gzip',
      mode: 'snapshot',
      source: { kind: 'feed', feedId: feed().id, url: 'https://ats.example.fr/feed.jsonl' },
    });
    const { completion } = mocks.feeds.completions[0]!;
    expect(completion.validators).toEqual({ etag: '"v2"', lastModified: 'Tue, 01 Dec 2026 07:00:00 GMT' });
    expect(completion.record).toMatchObject({ status: 'imported', importId: 'import-1', errorCode: null });
    expect(completion.nextFetchAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('records a 304 as not modified: nothing imported, validators kept', async () => {
    const { sut, mocks } = newTestService([feed()], () => ({ kind: 'not-modified', finalUrl: feed().url }));

    await sut.execute();

    expect(mocks.imports.started).toEqual([]);
    expect(mocks.feeds.completions[0]!.completion).toMatchObject({
      record: { status: 'not-modified' },
    });
    expect(mocks.feeds.completions[0]!.completion.validators).toBeUndefined();
  });

  it('records a refused or failed fetch with its code and tries again at the next due time', async () => {
    const { sut, mocks } = newTestService([feed()], () => {
      throw new FeedFetchError('EGRESS_REFUSED', 'ats.example.fr resolves to 10.0.0.1, a private address');
    });

    await sut.execute();

    const { completion } = mocks.feeds.completions[0]!;
    expect(completion.record).toMatchObject({
      status: 'failed',
      errorCode: 'EGRESS_REFUSED',
      errorMessage: expect.stringContaining('private') as unknown,
    });
    expect(completion.validators).toBeUndefined();
    expect(completion.nextFetchAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('keeps the old validators when the import fails, so the next fetch is a full one', async () => {
    const { sut, mocks } = newTestService([feed()], () => body('x'));
    mocks.imports.failWith = new Error('parser exploded');

    await sut.execute();

    expect(mocks.feeds.completions[0]!.completion).toMatchObject({
      record: { status: 'failed', errorCode: 'INTERNAL', errorMessage: 'internal error' },
    });
    expect(mocks.feeds.completions[0]!.completion.validators).toBeUndefined();
  });

  it('claims the due feeds a few at a time under a lease until none is left', async () => {
    const due = [1, 2, 3, 4, 5].map((i) => feed({ id: `00000000-0000-4000-8000-00000000000${i}` }));
    const { sut, mocks } = newTestService(due, () => ({ kind: 'not-modified', finalUrl: 'u' }));

    expect(await sut.execute()).toBe(5);

    expect(mocks.feeds.claims.map((c) => c.limit)).toEqual([2, 2, 2, 2]);
    expect(mocks.feeds.claims[0]!.leaseUntil.toISOString()).toBe('2026-12-01T08:15:00.000Z');
    expect(mocks.feeds.completions.map((c) => c.claim.leaseToken)).toHaveLength(5);
  });
});
