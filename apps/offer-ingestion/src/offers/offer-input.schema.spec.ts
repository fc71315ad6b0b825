import { offerInput } from '@vigie/testing/unit';
import { OfferBatchSchema, OfferInputSchema } from './offer-input.schema';

const valid = () => ({
  externalRef: 'REQ-2026-0042',
  title: 'Développeur back-end TypeScript (H/F)',
  description: 'Au sein de l’équipe plateforme…',
  contractType: 'cdi',
});

const issuesOf = (input: unknown) => {
  const result = OfferInputSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('OfferInputSchema', () => {
  it('accepts a minimal offer and applies the defaults', () => {
    const parsed = OfferInputSchema.parse(valid());

    expect(parsed).toEqual({ ...valid(), remote: 'none' });
  });

  it('accepts a complete offer', () => {
    const parsed = OfferInputSchema.safeParse(
      offerInput({ publishedAt: '2026-11-27T08:00:00.000Z', validThrough: '2027-01-31T23:59:59+01:00' }),
    );

    expect(parsed.success).toBe(true);
    expect(parsed.data?.salary?.currency).toBe('EUR');
  });

  it('cleans one-line fields before checking them', () => {
    const parsed = OfferInputSchema.parse({ ...valid(), title: '  Dev\r\n\u202EBcc: x ' });

    expect(parsed.title).toBe('Dev Bcc: x');
  });

  it('rejects a title made only of invisible characters', () => {
    expect(issuesOf({ ...valid(), title: '\u200B\u202E  ' })).toEqual([
      { path: 'title', message: 'must not be empty' },
    ]);
  });

  it('rejects an unknown property instead of dropping it', () => {
    expect(issuesOf({ ...valid(), salaryMin: 40_000 })).toEqual([
      { path: '', message: expect.stringContaining('salaryMin') },
    ]);
  });

  it('rejects an unknown property inside location', () => {
    expect(issuesOf({ ...valid(), location: { city: 'Lyon', country: 'FR' } })).toEqual([
      { path: 'location', message: expect.stringContaining('country') },
    ]);
  });

  it('rejects a __proto__ own property (prototype pollution attempt)', () => {
    const input: unknown = JSON.parse(
      JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"isAdmin":true},'),
    );
    expect(Object.keys(input as object)).toContain('__proto__');

    expect(issuesOf(input)).toEqual([{ path: '', message: expect.stringContaining('__proto__') }]);
  });

  it('rejects a latitude without a longitude, and the reverse', () => {
    expect(issuesOf({ ...valid(), location: { city: 'Lyon', latitude: 45.76 } })).toEqual([
      { path: 'location.latitude', message: 'latitude and longitude go together' },
    ]);
    expect(issuesOf({ ...valid(), location: { city: 'Lyon', longitude: 4.83 } })).toEqual([
      { path: 'location.latitude', message: 'latitude and longitude go together' },
    ]);
  });

  it('rejects coordinates out of range', () => {
    expect(
      issuesOf({ ...valid(), location: { city: 'Lyon', latitude: 91, longitude: 0 } }).map((i) => i.path),
    ).toEqual(['location.latitude']);
    expect(
      issuesOf({ ...valid(), location: { city: 'Lyon', latitude: 0, longitude: -181 } }).map((i) => i.path),
    ).toEqual(['location.longitude']);
  });

  it('rejects a salary whose minimum exceeds its maximum', () => {
    expect(issuesOf({ ...valid(), salary: { min: 60_000, max: 50_000, period: 'year' } })).toEqual([
      { path: 'salary.min', message: 'min must not exceed max' },
    ]);
  });

  it('accepts equal bounds and one-sided salaries', () => {
    expect(issuesOf({ ...valid(), salary: { min: 50_000, max: 50_000, period: 'year' } })).toEqual([]);
    expect(issuesOf({ ...valid(), salary: { min: 12, period: 'hour' } })).toEqual([]);
  });

  it('rejects a negative salary and a currency other than EUR', () => {
    expect(issuesOf({ ...valid(), salary: { min: -1, period: 'month' } }).map((i) => i.path)).toEqual([
      'salary.min',
    ]);
    expect(issuesOf({ ...valid(), salary: { currency: 'USD', period: 'month' } }).map((i) => i.path)).toEqual(
      ['salary.currency'],
    );
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://jobs.example.fr/x',
    'file:///etc/passwd',
    'not a url',
  ])('rejects the apply URL %s', (applyUrl) => {
    expect(issuesOf({ ...valid(), applyUrl })).toEqual([
      { path: 'applyUrl', message: 'must be an http(s) URL' },
    ]);
  });

  it.each(['https://jobs.example.fr/offres/1?src=vigie', 'http://ats.example.com/apply'])(
    'accepts the apply URL %s',
    (applyUrl) => {
      expect(issuesOf({ ...valid(), applyUrl })).toEqual([]);
    },
  );

  it.each(['6900', '690031', '6900A', '69 003'])('rejects the postal code %s', (postalCode) => {
    expect(issuesOf({ ...valid(), location: { city: 'Lyon', postalCode } })).toEqual([
      { path: 'location.postalCode', message: 'must be a 5-digit French postal code' },
    ]);
  });

  it('accepts Corsican commune codes and rejects malformed ones', () => {
    expect(
      issuesOf({ ...valid(), location: { city: 'Ajaccio', postalCode: '20000', communeCode: '2A004' } }),
    ).toEqual([]);
    expect(
      issuesOf({ ...valid(), location: { city: 'Lyon', communeCode: '2C004' } }).map((i) => i.path),
    ).toEqual(['location.communeCode']);
  });

  it('rejects dates without a time or a zone', () => {
    expect(issuesOf({ ...valid(), publishedAt: '2026-11-27' }).map((i) => i.path)).toEqual(['publishedAt']);
    expect(issuesOf({ ...valid(), validThrough: 'tomorrow' }).map((i) => i.path)).toEqual(['validThrough']);
  });

  it('rejects contract types and remote policies outside the catalogue', () => {
    expect(issuesOf({ ...valid(), contractType: 'CDI' }).map((i) => i.path)).toEqual(['contractType']);
    expect(issuesOf({ ...valid(), remote: 'sometimes' }).map((i) => i.path)).toEqual(['remote']);
  });

  it('accepts the v2 vocabulary and the v1 one alike', () => {
    for (const remote of ['none', 'partial', 'full', 'hybrid'])
      expect(issuesOf({ ...valid(), remote })).toEqual([]);
    expect(issuesOf({ ...valid(), contractType: 'professionalisation' })).toEqual([]);
    expect(
      issuesOf({
        ...valid(),
        workingTime: 'part_time',
        romeCode: 'M1805',
        salary: { min: 12, period: 'hour' },
      }),
    ).toEqual([]);
  });

  it('rejects a working time and a ROME code outside their formats', () => {
    expect(issuesOf({ ...valid(), workingTime: 'half' }).map((i) => i.path)).toEqual(['workingTime']);
    expect(issuesOf({ ...valid(), romeCode: 'M18' })).toEqual([
      { path: 'romeCode', message: 'must be a ROME code such as M1805' },
    ]);
  });

  it('names every missing required field', () => {
    expect(
      issuesOf({})
        .map((i) => i.path)
        .sort(),
    ).toEqual(['contractType', 'description', 'externalRef', 'title']);
  });

  it('rejects an external reference or a title that is too long', () => {
    expect(issuesOf({ ...valid(), externalRef: 'R'.repeat(201) }).map((i) => i.path)).toEqual([
      'externalRef',
    ]);
    expect(issuesOf({ ...valid(), title: 'T'.repeat(301) }).map((i) => i.path)).toEqual(['title']);
  });
});

describe('OfferBatchSchema', () => {
  it('accepts a batch of anything: items are validated one by one later', () => {
    expect(OfferBatchSchema.safeParse({ offers: [1, null, {}] }).success).toBe(true);
  });

  it('rejects an empty batch and unknown properties', () => {
    expect(OfferBatchSchema.safeParse({ offers: [] }).success).toBe(false);
    expect(OfferBatchSchema.safeParse({ offers: [{}], dryRun: true }).success).toBe(false);
  });
});
