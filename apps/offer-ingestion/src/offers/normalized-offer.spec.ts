import { offerInput } from '@vigie/testing/unit';
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

  it('gives hybrid and partial remote work the same hash: they are one value', () => {
    expect(normalizeOffer({ ...full(), remote: 'hybrid' }).contentHash).toBe(
      normalizeOffer({ ...full(), remote: 'partial' }).contentHash,
    );
  });

  it.each<[string, (o: OfferInput) => OfferInput]>([
    ['title', (o) => ({ ...o, title: `${o.title}!` })],
    ['description', (o) => ({ ...o, description: `${o.description} ` + 'Télétravail possible.' })],
    ['company', (o) => ({ ...o, companyName: 'Autre société' })],
    ['company removed', (o) => ({ ...o, companyName: undefined })],
    ['contract type', (o) => ({ ...o, contractType: 'professionalisation' })],
    ['working time', (o) => ({ ...o, workingTime: 'part_time' })],
    ['remote policy', (o) => ({ ...o, remote: 'full' })],
    ['ROME code', (o) => ({ ...o, romeCode: 'M1810' })],
    ['city', (o) => ({ ...o, location: { ...o.location!, city: 'Villeurbanne' } })],
    ['postal code', (o) => ({ ...o, location: { ...o.location!, postalCode: '69100' } })],
    ['department of the commune', (o) => ({ ...o, location: { ...o.location!, communeCode: '01053' } })],
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

  it('keeps publishedAt only when the recruiter states it, normalised to UTC', () => {
    expect(normalizeOffer(minimal()).publishedAt).toBeNull();
    expect(normalizeOffer({ ...minimal(), publishedAt: '2026-11-27T09:00:00+01:00' }).publishedAt).toBe(
      '2026-11-27T08:00:00.000Z',
    );
  });

  it('keeps publishedAt out of the content', () => {
    expect(normalizeOffer(full()).content).not.toHaveProperty('publishedAt');
  });

  it('carries the canonical content and the external reference', () => {
    expect(normalizeOffer(minimal())).toEqual({
      externalRef: 'R-1',
      publishedAt: null,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      findings: [],
      content: expect.objectContaining({ title: 'Stage', contract: { type: 'internship', source: null } }),
    });
  });
});
