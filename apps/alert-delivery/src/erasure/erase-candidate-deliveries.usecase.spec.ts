import { ErasureConfirmedV1 } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { EventPublisher, OutgoingEvent, TransientError } from '@vigie/messaging';
import { CandidateDeliveryStore, ErasedDeliveries } from './candidate-deliveries.port';
import { EraseCandidateDeliveriesUseCase } from './erase-candidate-deliveries.usecase';
import { PruneErasureMarkersUseCase } from './prune-erasure-markers.usecase';

const NOTHING: ErasedDeliveries = {
  alerts: 0,
  pendingMatches: 0,
  emails: 0,
  sentOffers: 0,
  deliveries: 0,
  cvEmails: 0,
};

class FakeCandidateDeliveryStore extends CandidateDeliveryStore {
  erasedOnce: ErasedDeliveries = {
    alerts: 1,
    pendingMatches: 2,
    emails: 1,
    sentOffers: 3,
    deliveries: 0,
    cvEmails: 2,
  };
  readonly calls: string[] = [];
  erase(candidateId: string): Promise<ErasedDeliveries> {
    this.calls.push(candidateId);
    const erased = this.erasedOnce;
    this.erasedOnce = NOTHING;
    return Promise.resolve(erased);
  }
  readonly pruned: Array<[string, string]> = [];
  pruneErased(alertsBefore: Date, candidatesBefore: Date): Promise<{ alerts: number; candidates: number }> {
    this.pruned.push([alertsBefore.toISOString(), candidatesBefore.toISOString()]);
    return Promise.resolve({ alerts: 0, candidates: 0 });
  }
}

class RecordingPublisher extends EventPublisher {
  readonly published: OutgoingEvent[] = [];
  failing = false;
  publish(events: readonly OutgoingEvent[]): Promise<void> {
    if (this.failing) return Promise.reject(new TransientError('Kafka publish failed'));
    this.published.push(...events);
    return Promise.resolve();
  }
}

const REQUEST = {
  erasureId: '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  candidateId: 'cand-erased',
  requestedAt: '2026-12-01T17:00:00.000Z',
  services: ['cv-intake', 'alert-matcher', 'alert-delivery'],
};

function newTestService() {
  const store = new FakeCandidateDeliveryStore();
  const publisher = new RecordingPublisher();
  const sut = new EraseCandidateDeliveriesUseCase(
    store,
    publisher,
    new FakeClock('2026-12-01T17:00:02.000Z'),
  );
  return { sut, store, publisher };
}

const confirmations = (publisher: RecordingPublisher) =>
  publisher.published.map((e) => ({
    topic: e.topic,
    key: e.key,
    value: JSON.parse(e.value) as ErasureConfirmedV1,
  }));

describe('EraseCandidateDeliveriesUseCase', () => {
  it('erases the candidate’s deliveries, then confirms with the counts', async () => {
    const { sut, store, publisher } = newTestService();

    await sut.execute(REQUEST);

    expect(store.calls).toEqual(['cand-erased']);
    expect(confirmations(publisher)).toEqual([
      {
        topic: 'candidates.erasure.confirmed.v1',
        key: REQUEST.erasureId,
        value: {
          erasureId: REQUEST.erasureId,
          service: 'alert-delivery',
          confirmedAt: '2026-12-01T17:00:02.000Z',
          erased: { alerts: 1, pendingMatches: 2, emails: 1, sentOffers: 3, deliveries: 0, cvEmails: 2 },
        },
      },
    ]);
  });

  it('fails (retried by the transport) when the confirmation cannot be published, and confirms on the redelivery', async () => {
    const { sut, publisher } = newTestService();
    publisher.failing = true;

    await expect(sut.execute(REQUEST)).rejects.toBeInstanceOf(TransientError);
    publisher.failing = false;
    await sut.execute(REQUEST);

    expect(confirmations(publisher).map((c) => c.value.erased)).toEqual([NOTHING]);
  });
});

describe('PruneErasureMarkersUseCase', () => {
  it('forgets erased alert ids after 8 days and erased candidates after 32, by the clock', async () => {
    const store = new FakeCandidateDeliveryStore();
    const sut = new PruneErasureMarkersUseCase(store, new FakeClock('2026-12-01T10:00:00.000Z'));

    await sut.execute();

    expect(store.pruned).toEqual([['2026-11-23T10:00:00.000Z', '2026-10-30T10:00:00.000Z']]);
  });
});
