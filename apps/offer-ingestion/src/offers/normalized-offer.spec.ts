import { offerInput } from '@vigie/testing/unit';
import { OfferSnapshotSchema } from '@vigie/contracts';
import { normalizeOffer } from './normalized-offer';
import { OfferInput, OfferInputSchema } from './offer-input.schema';

const full = (): OfferInput =>
  OfferInputSchema.parse(
    offerInput({
      externalRef: 'REQ-2026-0042',
      publishedAt: '2026-11-27T08:00:00.000Z',
      validThrough: '2027-01-31T23:59:59.000Z',
    }),
  );

const minimal = (): OfferInput =>
  OfferInputSchema.parse({
    externalRef: 'R-1',
    title: 'Stage',
    description: 'Desc',
    contractType: 'internship',
  });

describe('normalizeOffer', () => {
  it('gives equal offers the same hash', () => {
    expect(normalizeOffer(full()).contentHash).toBe(normalizeOffer(full()).contentHash);
  });

  it('gives the same hash whatever the order of the properties sent', () => {
    const input = full();
    const reversed = Object.fromEntries(Object.entries(input).reverse()) as OfferInput;

    expect(normalizeOffer(reversed).contentHash).toBe(normalizeOffer(input).contentHash);
  });

  it('gives the same hash to one instant written with different offsets', () => {
    const utc = { ...full(), validThrough: '2027-01-31T23:00:00.000Z' };
    const paris = { ...full(), validThrough: '2027-02-01T00:00:00+01:00' };

    expect(normalizeOffer(paris).contentHash).toBe(normalizeOffer(utc).contentHash);
  });

  it.each<[string, (o: OfferInput) => OfferInput]>([
    ['title', (o) => ({ ...o, title: `${o.title}!` })],
    ['description', (o) => ({ ...o, description: `${o.description} ` + 'Télétravail possible.' })],
    ['company', (o) => ({ ...o, companyName: 'Autre société' })],
    ['company removed', (o) => ({ ...o, companyName: undefined })],
    ['contract type', (o) => ({ ...o, contractType: 'cdd' })],
    ['remote policy', (o) => ({ ...o, remote: 'full' })],
    ['city', (o) => ({ ...o, location: { ...o.location!, city: 'Villeurbanne' } })],
    ['postal code', (o) => ({ ...o, location: { ...o.location!, postalCode: '69100' } })],
    ['commune code', (o) => ({ ...o, location: { ...o.location!, communeCode: '69266' } })],
    ['latitude', (o) => ({ ...o, location: { ...o.location!, latitude: 45.7598 } })],
    ['location removed', (o) => ({ ...o, location: undefined })],
    ['salary minimum', (o) => ({ ...o, salary: { ...o.salary!, min: 46_000 } })],
    ['salary period', (o) => ({ ...o, salary: { ...o.salary!, period: 'month' } })],
    ['apply URL', (o) => ({ ...o, applyUrl: 'https://jobs.example.fr/offres/other' })],
    ['end of validity', (o) => ({ ...o, validThrough: '2027-02-28T23:59:59.000Z' })],
    ['stated publication date', (o) => ({ ...o, publishedAt: '2026-11-28T08:00:00.000Z' })],
    ['publication date removed', (o) => ({ ...o, publishedAt: undefined })],
  ])('gives a new hash when the %s changes', (_, change) => {
    expect(normalizeOffer(change(full())).contentHash).not.toBe(normalizeOffer(full()).contentHash);
  });

  it('ignores the external reference in the hash: it identifies the offer, it is not its content', () => {
    expect(normalizeOffer({ ...full(), externalRef: 'OTHER' }).contentHash).toBe(
      normalizeOffer(full()).contentHash,
    );
  });

  it('hashes with SHA-256 in hex', () => {
    expect(normalizeOffer(full()).contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps publishedAt only when the recruiter states it, normalised to UTC', () => {
    expect(normalizeOffer(minimal()).publishedAt).toBeNull();
    expect(normalizeOffer({ ...minimal(), publishedAt: '2026-11-27T09:00:00+01:00' }).publishedAt).toBe(
      '2026-11-27T08:00:00.000Z',
    );
  });

  it('keeps publishedAt out of the content', () => {
    expect(normalizeOffer(full()).content).not.toHaveProperty('publishedAt');
  });

  it('turns absent optional fields into explicit nulls', () => {
    const result = normalizeOffer(minimal());

    expect(result).toEqual({
      externalRef: 'R-1',
      publishedAt: null,
      contentHash: expect.any(String),
      content: {
        title: 'Stage',
        description: 'Desc',
        companyName: null,
        contractType: 'internship',
        remote: 'none',
        location: null,
        salary: null,
        applyUrl: null,
        validThrough: null,
      },
    });
  });

  it('builds geo only from a latitude and longitude pair, and nulls missing location parts', () => {
    const result = normalizeOffer({ ...minimal(), location: { city: 'Lyon' } });

    expect(result.content.location).toEqual({ city: 'Lyon', postalCode: null, communeCode: null, geo: null });
    expect(normalizeOffer(full()).content.location?.geo).toEqual({ latitude: 45.7597, longitude: 4.8422 });
  });

  it('keeps a zero coordinate (the equator or Greenwich is a real place)', () => {
    const result = normalizeOffer({
      ...minimal(),
      location: { city: 'Null Island', latitude: 0, longitude: 0 },
    });

    expect(result.content.location?.geo).toEqual({ latitude: 0, longitude: 0 });
  });

  it('fills the salary currency and nulls a missing bound', () => {
    expect(
      normalizeOffer({ ...minimal(), salary: { min: 12, currency: 'EUR', period: 'hour' } }).content.salary,
    ).toEqual({
      min: 12,
      max: null,
      currency: 'EUR',
      period: 'hour',
    });
  });

  it('produces content that satisfies the event snapshot once a publication date is added', () => {
    const { content } = normalizeOffer(full());

    expect(
      OfferSnapshotSchema.safeParse({ ...content, publishedAt: '2026-11-27T08:00:00.000Z' }).success,
    ).toBe(true);
  });
});
