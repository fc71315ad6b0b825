import { AlertInputSchema } from './alert-input.schema';

const pathsOf = (input: unknown) => {
  const result = AlertInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('AlertInputSchema', () => {
  it('accepts the first version’s keywords alone, with an optional e-mail for address-only alerts', () => {
    expect(AlertInputSchema.parse({ keywords: [' TypeScript '] })).toEqual({ keywords: ['TypeScript'] });
    expect(AlertInputSchema.parse({ keywords: ['java'], email: 'noor@example.org' }).email).toBe(
      'noor@example.org',
    );
    expect(pathsOf({ keywords: ['java'], email: 'not-an-address' })).toEqual(['email']);
  });

  it('requires between 1 and 10 non-empty keywords', () => {
    expect(pathsOf({ keywords: [] })).toEqual(['keywords']);
    expect(pathsOf({ keywords: Array.from({ length: 11 }, (_, i) => `k${i}`) })).toEqual(['keywords']);
    expect(pathsOf({ keywords: ['java', '   '] })).toEqual(['keywords.1']);
  });

  it('requires a complete place with a positive radius up to 200 km', () => {
    const place = { label: 'Lyon', latitude: 45.764, longitude: 4.8357, radiusKm: 20 };

    expect(pathsOf({ keywords: ['java'], place })).toEqual([]);
    expect(pathsOf({ keywords: ['java'], place: { ...place, radiusKm: 0 } })).toEqual(['place.radiusKm']);
    expect(pathsOf({ keywords: ['java'], place: { ...place, radiusKm: 201 } })).toEqual(['place.radiusKm']);
    expect(pathsOf({ keywords: ['java'], place: { label: 'Lyon', radiusKm: 10 } }).sort()).toEqual([
      'place.latitude',
      'place.longitude',
    ]);
  });

  it('refuses contract types outside the catalogue and unknown frequencies', () => {
    expect(pathsOf({ keywords: ['java'], contractTypes: ['cdi', 'CDD'] })).toEqual(['contractTypes.1']);
    expect(pathsOf({ keywords: ['java'], frequency: 'daily' })).toEqual([]);
    expect(pathsOf({ keywords: ['java'], frequency: 'hourly' })).toEqual(['frequency']);
  });
});
