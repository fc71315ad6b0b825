import { AlertInputSchema } from './alert-input.schema';

const pathsOf = (input: unknown) => {
  const result = AlertInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('AlertInputSchema', () => {
  it('accepts keywords alone and applies the defaults', () => {
    expect(AlertInputSchema.parse({ keywords: [' TypeScript '] })).toEqual({
      keywords: ['TypeScript'],
      contractTypes: [],
      frequency: 'instant',
    });
  });

  it('refuses an e-mail address in the body: it comes from the verified token only', () => {
    const result = AlertInputSchema.safeParse({ keywords: ['java'], email: 'someone-else@example.org' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('email');
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

  it('refuses contract types outside the catalogue and frequencies not offered yet', () => {
    expect(pathsOf({ keywords: ['java'], contractTypes: ['cdi', 'CDD'] })).toEqual(['contractTypes.1']);
    expect(pathsOf({ keywords: ['java'], frequency: 'daily' })).toEqual(['frequency']);
  });
});
