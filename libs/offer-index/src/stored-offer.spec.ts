import { storedOfferSource } from './stored-offer';
import type { LiveOfferDocument } from './stored-offer';

const base = {
  offerId: 'o-1',
  recruiterId: 'r-1',
  version: 2,
  indexedAt: '2026-12-01T10:00:00.000Z',
  place: null,
} as unknown as LiveOfferDocument;

const salary = (minAnnualEur: number | null, maxAnnualEur: number | null) =>
  storedOfferSource({ ...base, salary: { minAnnualEur, maxAnnualEur, label: null } }).salary;

describe('storedOfferSource', () => {
  it('gives the salary its ceiling: the maximum, else the minimum, else none', () => {
    expect(salary(30_000, 38_000)).toMatchObject({ ceilingAnnualEur: 38_000 });
    expect(salary(30_000, null)).toMatchObject({ ceilingAnnualEur: 30_000 });
    expect(salary(null, 25_000)).toMatchObject({ ceilingAnnualEur: 25_000 });
    expect(salary(null, null)).toMatchObject({ ceilingAnnualEur: null });
    expect(storedOfferSource({ ...base, salary: null }).salary).toBeNull();
  });

  it('marks the document live and gives geo_point its lat/lon', () => {
    const place = { label: 'Lyon', geo: { latitude: 45.76, longitude: 4.84 } };
    const stored = storedOfferSource({ ...base, salary: null, place } as unknown as LiveOfferDocument);

    expect(stored).toMatchObject({
      state: 'live',
      status: 'active',
      place: { geo: { lat: 45.76, lon: 4.84 } },
    });
  });
});
