import { randomUUID } from 'node:crypto';
import { AlertChangedV1, SearchCriteriaSchema } from '@vigie/contracts';
import { prepareOffer, ScanAlertEngine } from '../engine';
import { engineOffer } from '../engine/test/engine.factory';
import { FakePlaceDirectory } from '../testing/alert-fakes';
import { AlertBook } from './alert-book';
import { shardOf } from './shards';

function state(overrides: Partial<AlertChangedV1> = {}): AlertChangedV1 {
  return {
    alertId: randomUUID(),
    candidateId: 'cand-7f3a9c',
    version: 1,
    status: 'active',
    criteria: SearchCriteriaSchema.parse({
      q: 'développeur',
      where: { kind: 'commune', communeCode: '69266', radiusKm: 10 },
    }),
    frequency: 'instant',
    schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
    snoozedUntil: null,
    contact: { email: 'camille.martin@example.org' },
    createdAt: '2026-12-01T08:00:00.000Z',
    changedAt: '2026-12-01T08:00:00.000Z',
    ...overrides,
  };
}

const newBook = (owned = [0, 1]) =>
  new AlertBook(2, owned, () => new ScanAlertEngine(), new FakePlaceDirectory());
const matchedIds = (book: AlertBook, shard: number) => {
  const hits = book.match(shard, prepareOffer(engineOffer()));
  return Array.from({ length: hits.count }, (_, i) => hits.alert(i)?.alertId);
};

describe('AlertBook', () => {
  it('matches an active alert in its shard, with the commune as the centre and label', () => {
    const book = newBook();
    const alert = state();
    const shard = shardOf(alert.alertId, 2);

    expect(book.apply(alert)).toBe('applied');

    const hits = book.match(shard, prepareOffer(engineOffer()));
    expect(hits.count).toBe(1);
    expect(hits.alert(0)).toMatchObject({ alertId: alert.alertId, email: 'camille.martin@example.org' });
    expect(hits.explain(0).placeLabel).toBe('Villeurbanne');
    expect(matchedIds(book, 1 - shard)).toEqual([]);
  });

  it('keeps the highest version, whatever order the changes arrive in', () => {
    const book = newBook();
    const alert = state();
    const shard = shardOf(alert.alertId, 2);

    book.apply({ ...alert, version: 3, status: 'paused' });
    expect(book.apply({ ...alert, version: 2, status: 'active' })).toBe('stale');
    expect(matchedIds(book, shard)).toEqual([]);
    book.apply({ ...alert, version: 4, status: 'active' });
    expect(matchedIds(book, shard)).toEqual([alert.alertId]);
  });

  it('holds no pending, paused, unsubscribed or deleted alert, and forgets an erased one for good', () => {
    const book = newBook();
    for (const status of ['pending', 'paused', 'unsubscribed', 'deleted'] as const)
      book.apply(state({ status }));
    expect(book.size).toBe(0);

    const alert = state();
    book.apply(alert);
    book.erase(alert.alertId);
    expect(book.apply({ ...alert, version: 9 })).toBe('stale');
    expect(book.size).toBe(0);
  });

  it('ignores the alerts of shards it does not own', () => {
    const alert = state();
    const book = newBook([1 - shardOf(alert.alertId, 2)]);

    expect(book.apply(alert)).toBe('not-owned');
    expect(book.size).toBe(0);
  });
});
