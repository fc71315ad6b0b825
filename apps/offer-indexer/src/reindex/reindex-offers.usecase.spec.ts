import { FakeClock, isDomainError } from '@vigie/kernel';
import {
  HeldVersion,
  IndexedEntry,
  IndexOperation,
  IndexOutcome,
  OfferIndex,
} from '../indexing/offer-index.port';
import { ExclusiveRun, RunLock } from '../operations/run-lock.port';
import { OfferSource } from '../reconciliation/offer-source.port';
import { IndexGenerations } from './index-generations.port';
import { ReindexOffersUseCase, ReindexSettings } from './reindex-offers.usecase';

class EmptySource extends OfferSource {
  versions = jest.fn(async () => []);
  snapshots = jest.fn(async () => []);
}

class EmptyIndex extends OfferIndex {
  ensureIndex = jest.fn(async () => undefined);
  write = jest.fn(
    async (ops: readonly IndexOperation[]): Promise<IndexOutcome[]> => ops.map(() => ({ status: 'applied' })),
  );
  held = jest.fn(async () => new Map<string, HeldVersion>());
  entries = jest.fn(async (): Promise<IndexedEntry[]> => []);
  remove = jest.fn(async () => 0);
}

/** Generations in memory: `current` is what the read alias holds, `backfill` what the backfill alias holds. */
class InMemoryGenerations extends IndexGenerations {
  currentIndex: string | null = 'offers-v3';
  backfill: string[] = [];
  dropped: string[] = [];
  swaps: Array<[string, string]> = [];
  sealFails = false;
  current = async () => this.currentIndex;
  /** The generation of this code is v3; the bump tests start from a v2 alias. */
  isCurrentGeneration = (index: string) => index.startsWith('offers-v3');
  inBackfill = async () => [...this.backfill];
  createNext = async () => {
    this.backfill.push('offers-v3-r20261201193005');
    return 'offers-v3-r20261201193005';
  };
  writerFor = () => new EmptyIndex();
  seal = async () => {
    if (this.sealFails) throw new Error('cluster health timed out');
  };
  swap = async (from: string, to: string) => {
    this.swaps.push([from, to]);
    this.currentIndex = to;
    this.backfill = this.backfill.filter((b) => b !== to);
  };
  drop = async (index: string) => void this.dropped.push(index);
  abandon = async (index: string) => {
    this.backfill = this.backfill.filter((b) => b !== index);
    this.dropped.push(index);
  };
}

class FreeLock extends RunLock {
  taken = false;
  async runExclusive<T>(_: string, run: () => Promise<T>): Promise<ExclusiveRun<T>> {
    return this.taken ? { ran: false } : { ran: true, value: await run() };
  }
}

const SETTINGS: ReindexSettings = {
  pageSize: 10,
  catchUpGraceMs: 0,
  dropAfterMs: 30_000,
  dropPrevious: true,
  lockName: 'vigie-reindex-offers:offers',
};

function newTestService() {
  const generations = new InMemoryGenerations();
  const lock = new FreeLock();
  const pause = jest.fn(async (_: number) => undefined);
  const sut = new ReindexOffersUseCase(
    new EmptySource(),
    generations,
    new EmptyIndex(),
    lock,
    new FakeClock('2026-12-01T19:30:05Z'),
    { info: jest.fn(), warn: jest.fn() },
    pause,
  );
  return { sut, mocks: { generations, lock, pause } };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return isDomainError(e) ? e.code : `not a domain error: ${String(e)}`;
  }
}

describe('ReindexOffersUseCase', () => {
  it('swaps, waits the grace period, then drops the previous generation', async () => {
    const { sut, mocks } = newTestService();

    const report = await sut.execute(SETTINGS);

    expect(mocks.generations.swaps).toEqual([['offers-v3', 'offers-v3-r20261201193005']]);
    expect(mocks.pause).toHaveBeenCalledWith(30_000);
    expect(mocks.generations.dropped).toEqual(['offers-v3']);
    expect(report).toMatchObject({ previous: 'offers-v3', previousDropped: true });
  });

  it('keeps the previous generation when told to', async () => {
    const { sut, mocks } = newTestService();

    await sut.execute({ ...SETTINGS, dropPrevious: false });

    expect(mocks.generations.dropped).toEqual([]);
    expect(mocks.pause).not.toHaveBeenCalled();
  });

  it('refuses to start while an earlier reindex left an index in the backfill alias', async () => {
    const { sut, mocks } = newTestService();
    mocks.generations.backfill = ['offers-v3-r20261130120000'];

    expect(await codeOf(sut.execute(SETTINGS))).toBe('REINDEX_BACKFILL_PENDING');
    expect(mocks.generations.backfill).toEqual(['offers-v3-r20261130120000']);
  });

  it('refuses when the read alias points at no index', async () => {
    const { sut, mocks } = newTestService();
    mocks.generations.currentIndex = null;

    expect(await codeOf(sut.execute(SETTINGS))).toBe('REINDEX_NO_CURRENT_INDEX');
  });

  it('refuses when another reindex holds the lock', async () => {
    const { sut, mocks } = newTestService();
    mocks.lock.taken = true;

    expect(await codeOf(sut.execute(SETTINGS))).toBe('REINDEX_RUNNING');
  });

  it('abandons the next generation when it fails before the swap, so writers stop writing there', async () => {
    const { sut, mocks } = newTestService();
    mocks.generations.sealFails = true;

    await expect(sut.execute(SETTINGS)).rejects.toThrow('cluster health timed out');
    expect(mocks.generations.backfill).toEqual([]);
    expect(mocks.generations.dropped).toEqual(['offers-v3-r20261201193005']);
    expect(mocks.generations.swaps).toEqual([]);
  });
});

describe('ReindexOffersUseCase.bumpGeneration', () => {
  it('rebuilds the current generation when the read alias names an older one, and drops the older one', async () => {
    const { sut, mocks } = newTestService();
    mocks.generations.currentIndex = 'offers-v2';

    const bump = await sut.bumpGeneration(SETTINGS);

    expect(bump).toMatchObject({ outcome: 'bumped', report: { previous: 'offers-v2' } });
    expect(mocks.generations.swaps).toEqual([['offers-v2', 'offers-v3-r20261201193005']]);
    expect(mocks.generations.dropped).toEqual(['offers-v2']);
  });

  it('does nothing when the alias already names the current generation, first built or rebuilt', async () => {
    for (const current of ['offers-v3', 'offers-v3-r20261130120000']) {
      const { sut, mocks } = newTestService();
      mocks.generations.currentIndex = current;

      expect(await sut.bumpGeneration(SETTINGS)).toEqual({ outcome: 'current' });
      expect(mocks.generations.swaps).toEqual([]);
      expect(mocks.generations.backfill).toEqual([]);
    }
  });

  it('leaves the first start to the indexer when there is no index yet', async () => {
    const { sut, mocks } = newTestService();
    mocks.generations.currentIndex = null;

    expect(await sut.bumpGeneration(SETTINGS)).toEqual({ outcome: 'no-index' });
    expect(mocks.generations.backfill).toEqual([]);
  });

  it('says so when the lock is held (another replica bumping, or the command), touching nothing', async () => {
    const { sut, mocks } = newTestService();
    mocks.generations.currentIndex = 'offers-v2';
    mocks.lock.taken = true;

    expect(await sut.bumpGeneration(SETTINGS)).toEqual({ outcome: 'running-elsewhere' });
    expect(mocks.generations.swaps).toEqual([]);
  });

  it('abandons what a dead reindex left in the backfill alias before rebuilding (the lock proves it dead)', async () => {
    const { sut, mocks } = newTestService();
    mocks.generations.currentIndex = 'offers-v2';
    mocks.generations.backfill = ['offers-v3-r20261130120000'];

    const bump = await sut.bumpGeneration(SETTINGS);

    expect(bump.outcome).toBe('bumped');
    expect(mocks.generations.dropped).toEqual(['offers-v3-r20261130120000', 'offers-v2']);
    expect(mocks.generations.backfill).toEqual([]);
  });
});
