import { headersToEnvelope, offerChangedV2 } from '@vigie/contracts';
import { Transaction, UnitOfWork } from '@vigie/database';
import { FakeClock } from '@vigie/kernel';
import { OutboxWriter, OutgoingEvent } from '@vigie/messaging';
import { EntityManager } from 'typeorm';
import { ExpireOffersUseCase } from './expire-offers.usecase';
import { ExpiredOffer, ExpiringOffers, ExpiryCutoffs } from './expiring-offers.port';

const RECRUITER = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
const DAY = 86_400_000;

/** Due offers waiting to be expired, handed out `limit` at a time like the Postgres adapter. */
class FakeExpiringOffers extends ExpiringOffers {
  readonly calls: ExpiryCutoffs[] = [];
  constructor(private due: number) {
    super();
  }

  async expireDue(_tx: Transaction, cutoffs: ExpiryCutoffs): Promise<ExpiredOffer[]> {
    this.calls.push(cutoffs);
    const n = Math.min(this.due, cutoffs.limit);
    this.due -= n;
    return Array.from({ length: n }, (_, i) => ({
      recruiterId: RECRUITER,
      change: {
        offerId: `00000000-0000-4000-8000-${String(this.calls.length * 100 + i).padStart(12, '0')}`,
        externalRef: `R-${this.calls.length}-${i}`,
        version: 2,
        status: 'expired' as const,
        content: null,
        publishedAt: new Date('2026-09-01T08:00:00.000Z'),
        changedAt: cutoffs.now,
        created: false,
      },
    }));
  }
}

class FakeUnitOfWork extends UnitOfWork {
  transactions = 0;
  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.transactions += 1;
    return work({ manager: {} as EntityManager });
  }
}

class RecordingOutbox extends OutboxWriter {
  readonly appended: OutgoingEvent[][] = [];
  constructor() {
    super('test');
  }
  override async append(_m: EntityManager, events: readonly OutgoingEvent[]): Promise<void> {
    this.appended.push([...events]);
  }
}

function newTestService(due: number, batchSize = 3) {
  const mocks = {
    clock: new FakeClock('2026-12-01T08:00:00.000Z'),
    expiring: new FakeExpiringOffers(due),
    unitOfWork: new FakeUnitOfWork(),
    outbox: new RecordingOutbox(),
  };
  const sut = new ExpireOffersUseCase(mocks.unitOfWork, mocks.expiring, mocks.outbox, mocks.clock, {
    maxAgeMs: 60 * DAY,
    batchSize,
  });
  return { sut, mocks };
}

describe('ExpireOffersUseCase', () => {
  it('asks for offers past their validThrough at the clock time or published 60 days before it', async () => {
    const { sut, mocks } = newTestService(1);

    await sut.execute();

    expect(mocks.expiring.calls[0]).toEqual({
      now: new Date('2026-12-01T08:00:00.000Z'),
      publishedBefore: new Date('2026-10-02T08:00:00.000Z'),
      limit: 3,
    });
  });

  it('works in batches of one transaction each until a batch comes back short', async () => {
    const { sut, mocks } = newTestService(7);

    expect(await sut.execute()).toBe(7);

    expect(mocks.expiring.calls).toHaveLength(3);
    expect(mocks.unitOfWork.transactions).toBe(3);
    expect(mocks.outbox.appended.map((batch) => batch.length)).toEqual([3, 3, 1]);
  });

  it('writes one offers.offer.changed.v2 event per expired offer, status expired and no snapshot', async () => {
    const { sut, mocks } = newTestService(2);

    await sut.execute();

    const events = mocks.outbox.appended.flat();
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.topic).toBe(offerChangedV2.topic);
      const value = offerChangedV2.value.parse(JSON.parse(event.value));
      expect(value).toMatchObject({ status: 'expired', offer: null, recruiterId: RECRUITER, version: 2 });
      expect(value.changedAt).toBe('2026-12-01T08:00:00.000Z');
      expect(event.key).toBe(value.offerId);
      expect(headersToEnvelope(event.headers).data?.occurredAt).toBe('2026-12-01T08:00:00.000Z');
    }
  });

  it('does nothing, and writes nothing, when no offer is due', async () => {
    const { sut, mocks } = newTestService(0);

    expect(await sut.execute()).toBe(0);
    expect(mocks.outbox.appended.flat()).toEqual([]);
  });
});
