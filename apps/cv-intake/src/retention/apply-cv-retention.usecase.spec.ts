import { FakeClock } from '@vigie/kernel';
import { TransientError } from '@vigie/messaging';
import { CvIndex, CvIndexOperation, CvIndexOutcome } from '../indexing/cv-index.port';
import { InMemoryFileStorage } from '../testing/in-memory-cv-ports';
import { ApplyCvRetentionUseCase } from './apply-cv-retention.usecase';
import { CvRetentionStore, ExpiredCandidate, InactiveCandidate, RetentionStatus } from './cv-retention.port';

class FakeRetentionStore extends CvRetentionStore {
  readonly warnings: Array<{ candidateId: string; warnedAt: Date; erasesAt: Date }> = [];
  readonly deleted: string[] = [];
  asked: Date | undefined;
  constructor(
    private readonly inactive: InactiveCandidate[],
    private expired: ExpiredCandidate[],
  ) {
    super();
  }
  dueWarnings(lastActiveBefore: Date): Promise<InactiveCandidate[]> {
    this.asked = lastActiveBefore;
    const due = this.inactive.filter((c) => !this.warnings.some((w) => w.candidateId === c.candidateId));
    return Promise.resolve(due);
  }
  recordWarning(candidate: InactiveCandidate, warnedAt: Date, erasesAt: Date): Promise<boolean> {
    this.warnings.push({ candidateId: candidate.candidateId, warnedAt, erasesAt });
    return Promise.resolve(true);
  }
  claimErasures(): Promise<ExpiredCandidate[]> {
    return Promise.resolve(this.expired);
  }
  deleteExpired(candidate: ExpiredCandidate): Promise<number> {
    this.deleted.push(candidate.candidateId);
    this.expired = this.expired.filter((c) => c !== candidate);
    return Promise.resolve(candidate.cvs.length);
  }
  extend(): Promise<void> {
    return Promise.resolve();
  }
  status(): Promise<RetentionStatus> {
    return Promise.resolve({ lastActiveAt: null, erasesAt: null, warnedAt: null });
  }
}

class FakeCvIndex extends CvIndex {
  readonly writes: CvIndexOperation[][] = [];
  outcome: CvIndexOutcome = { status: 'applied' };
  ensureIndex(): Promise<void> {
    return Promise.resolve();
  }
  write(operations: readonly CvIndexOperation[]): Promise<CvIndexOutcome[]> {
    this.writes.push([...operations]);
    return Promise.resolve(operations.map(() => this.outcome));
  }
}

async function newTestService() {
  const storage = new InMemoryFileStorage();
  const key = await storage.put(Buffer.from('an old CV'));
  const store = new FakeRetentionStore(
    [{ candidateId: 'cand-quiet', lastActiveAt: new Date('2024-12-20T10:00:00Z'), cvCount: 1 }],
    [
      {
        candidateId: 'cand-gone',
        warnedAt: new Date('2026-11-01T00:00:00Z'),
        cvs: [{ cvId: 'cv-1', storageKey: key, profileVersion: 3 }],
      },
    ],
  );
  const index = new FakeCvIndex();
  const clock = new FakeClock('2026-12-01T10:00:00.000Z');
  const sut = new ApplyCvRetentionUseCase(store, index, storage, clock);
  return { sut, store, index, storage, key };
}

describe('ApplyCvRetentionUseCase', () => {
  it('warns with the erasure date of the policy, then erases document, file and rows of the expired', async () => {
    const { sut, store, index, storage, key } = await newTestService();

    expect(await sut.execute()).toEqual({ warned: 1, erased: 1 });

    expect(store.asked).toEqual(new Date('2024-12-31T10:00:00.000Z'));
    expect(store.warnings).toEqual([
      {
        candidateId: 'cand-quiet',
        warnedAt: new Date('2026-12-01T10:00:00.000Z'),
        erasesAt: new Date('2026-12-31T10:00:00.000Z'),
      },
    ]);
    expect(index.writes).toEqual([[{ kind: 'erase', cvId: 'cv-1' }]]);
    await expect(storage.get(key)).rejects.toThrow();
    expect(store.deleted).toEqual(['cand-gone']);
  });

  it('deletes no row while the index refuses the erasure: the claimed erasure is taken up next round', async () => {
    const { sut, store, index } = await newTestService();
    index.outcome = { status: 'retry', reason: '503' };

    await expect(sut.execute()).rejects.toBeInstanceOf(TransientError);
    expect(store.deleted).toEqual([]);

    index.outcome = { status: 'applied' };
    expect(await sut.execute()).toEqual({ warned: 0, erased: 1 });
    expect(store.deleted).toEqual(['cand-gone']);
  });
});
