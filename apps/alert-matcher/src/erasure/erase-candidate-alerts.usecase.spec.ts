import { randomUUID } from 'node:crypto';
import { SearchCriteriaSchema } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { ScanAlertEngine } from '../engine';
import { AlertBook } from '../matching/alert-book';
import { FakePlaceDirectory } from '../testing/alert-fakes';
import { CandidateAlertStore, ErasedAlerts } from './candidate-alerts.port';
import { EraseCandidateAlertsUseCase } from './erase-candidate-alerts.usecase';

class FakeCandidateAlertStore extends CandidateAlertStore {
  readonly calls: Array<{ candidateId: string; erasureId: string; at: Date }> = [];
  constructor(private alertIds: string[]) {
    super();
  }
  eraseAndConfirm(candidateId: string, erasureId: string, at: Date): Promise<ErasedAlerts> {
    this.calls.push({ candidateId, erasureId, at });
    const erased = { alertIds: this.alertIds, matches: this.alertIds.length, outboxEvents: 0, keys: 0 };
    this.alertIds = [];
    return Promise.resolve(erased);
  }
}

const REQUEST = {
  erasureId: '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  candidateId: 'cand-erased',
  requestedAt: '2026-12-01T17:00:00.000Z',
  services: ['cv-intake', 'alert-matcher', 'alert-delivery'],
};

function newTestService() {
  const book = new AlertBook(2, [0, 1], () => new ScanAlertEngine(), new FakePlaceDirectory());
  const booked = (candidateId: string) => {
    const alertId = randomUUID();
    book.apply({
      alertId,
      candidateId,
      version: 1,
      status: 'active',
      criteria: SearchCriteriaSchema.parse({ q: 'soudeur' }),
      frequency: 'instant',
      schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
      snoozedUntil: null,
      contact: { email: `${candidateId}@example.org` },
      createdAt: '2026-12-01T08:00:00.000Z',
      changedAt: '2026-12-01T08:00:00.000Z',
    });
    return alertId;
  };
  const erased = [booked('cand-erased'), booked('cand-erased')];
  const kept = booked('cand-kept');
  const store = new FakeCandidateAlertStore(erased);
  const clock = new FakeClock('2026-12-01T17:00:05.000Z');
  const sut = new EraseCandidateAlertsUseCase(store, book, clock);
  return { sut, store, book, erased, kept };
}

describe('EraseCandidateAlertsUseCase', () => {
  it('erases through the store at the clock’s time and drops the alerts from this instance’s book at once', async () => {
    const { sut, store, book, erased, kept } = newTestService();

    await sut.execute(REQUEST);

    expect(store.calls).toEqual([
      { candidateId: 'cand-erased', erasureId: REQUEST.erasureId, at: new Date('2026-12-01T17:00:05.000Z') },
    ]);
    expect(erased.map((id) => book.has(id))).toEqual([false, false]);
    expect(book.has(kept)).toBe(true);
  });

  it('confirms a replay again with nothing left to erase', async () => {
    const { sut, store } = newTestService();

    await sut.execute(REQUEST);
    const again = await sut.execute(REQUEST);

    expect(again).toEqual({ alertIds: [], matches: 0, outboxEvents: 0, keys: 0 });
    expect(store.calls).toHaveLength(2);
  });
});
