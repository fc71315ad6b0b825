import { type CvProfileChangedV1, TOPICS } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import type { ConsumedEvent } from '@vigie/messaging';
import { goldenFixture } from '@vigie/testing/unit';
import { CvIndex, CvIndexOperation, CvIndexOutcome } from './cv-index.port';
import { IndexCvsUseCase } from './index-cvs.usecase';

const searchable = goldenFixture<CvProfileChangedV1>(TOPICS.cvProfileChanged, 'searchable');
const NOW = new Date('2026-12-01T10:00:00Z');

/** Answers each write with the next scripted outcomes (applied when the script runs out). */
class ScriptedCvIndex extends CvIndex {
  readonly writes: CvIndexOperation[][] = [];
  constructor(private readonly script: CvIndexOutcome[][] = []) {
    super();
  }
  ensureIndex(): Promise<void> {
    return Promise.resolve();
  }
  write(operations: readonly CvIndexOperation[]): Promise<CvIndexOutcome[]> {
    this.writes.push([...operations]);
    const next = this.script.shift();
    return Promise.resolve(operations.map((_, i) => next?.[i] ?? { status: 'applied' }));
  }
}

let offset = 0;
function consumed(
  value: CvProfileChangedV1 | null,
  key = value?.cvId ?? null,
): ConsumedEvent<CvProfileChangedV1 | null> {
  offset += 1;
  return {
    topic: TOPICS.cvProfileChanged,
    partition: 0,
    offset: String(offset),
    key,
    value,
    envelope: {
      eventId: crypto.randomUUID(),
      eventType: 'cvs.profile.changed',
      schemaVersion: 1,
      occurredAt: NOW.toISOString(),
      correlationId: 'test',
      producer: 'test',
    },
    headers: {},
    rawValue: null,
  };
}

function newTestService(script: CvIndexOutcome[][] = []) {
  const index = new ScriptedCvIndex(script);
  return { sut: new IndexCvsUseCase(index, new FakeClock(NOW)), index };
}

describe('IndexCvsUseCase', () => {
  it('writes the newest version of each CV in the batch, with its profile', async () => {
    const { sut, index } = newTestService();
    const v2 = consumed(searchable);
    const v1 = consumed({ ...searchable, version: 1 });

    await expect(sut.execute([v2, v1])).resolves.toEqual({ rejected: [] });

    expect(index.writes).toEqual([
      [
        {
          kind: 'upsert',
          cvId: searchable.cvId,
          version: 2,
          profile: searchable.profile,
          indexedAt: NOW.toISOString(),
        },
      ],
    ]);
  });

  it('turns a hidden CV into a bare versioned document and a tombstone into an erase that nothing later overrides', async () => {
    const { sut, index } = newTestService();
    const other = '6c5b4a3d-2e1f-4b0a-9d8e-7f6a5b4c3d2e';

    await sut.execute([
      consumed({ ...searchable, cvId: other, status: 'hidden', profile: null, version: 3 }),
      consumed(null, searchable.cvId),
      consumed({ ...searchable, version: 9 }),
    ]);

    expect(index.writes[0]).toEqual([
      { kind: 'gone', cvId: other, version: 3, indexedAt: NOW.toISOString() },
      { kind: 'erase', cvId: searchable.cvId },
    ]);
  });

  it('retries only the items the engine asked to retry, and dead-letters what it rejects', async () => {
    const other = '6c5b4a3d-2e1f-4b0a-9d8e-7f6a5b4c3d2e';
    const { sut, index } = newTestService([
      [
        { status: 'retry', reason: '429' },
        { status: 'rejected', reason: '400 mapper_parsing_exception' },
      ],
    ]);
    const retried = consumed(searchable);
    const rejected = consumed({ ...searchable, cvId: other });

    const outcome = await sut.execute([retried, rejected]);

    expect(index.writes.map((w) => w.map((op) => op.cvId))).toEqual([
      [searchable.cvId, other],
      [searchable.cvId],
    ]);
    expect(outcome.rejected).toEqual([
      { event: rejected, code: 'INDEX_REJECTED', reason: '400 mapper_parsing_exception' },
    ]);
  });
});
