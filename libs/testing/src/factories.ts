import type { Offer, OfferPlace } from '@vigie/contracts';

/**
 * A valid offer as a recruiter sends it to the API, French and realistic, with every optional field;
 * override what the test is about.
 */
export function offerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalRef: `REF-${Math.random().toString(36).slice(2, 10)}`,
    title: 'Développeur back-end TypeScript (H/F)',
    description:
      "Vous rejoignez l'équipe plateforme pour concevoir des services Node.js. Au moins 2 ans d'expérience.",
    companyName: 'Atelier Numérique Lyonnais',
    contractType: 'cdi',
    workingTime: 'full_time',
    remote: 'partial',
    romeCode: 'M1805',
    location: {
      city: 'Lyon',
      postalCode: '69003',
      communeCode: '69383',
      latitude: 45.7597,
      longitude: 4.8422,
    },
    salary: { min: 45_000, max: 55_000, period: 'year' },
    applyUrl: 'https://jobs.example.fr/offres/42',
    ...overrides,
  };
}

/** A resolved place in Lyon 3e (commune, department, region, feed coordinates). */
export function offerPlace(overrides: Partial<OfferPlace> = {}): OfferPlace {
  return {
    label: 'Lyon',
    postalCode: '69003',
    commune: { code: '69383', name: 'Lyon 3e Arrondissement', departmentCode: '69', regionCode: '84' },
    departmentCode: '69',
    regionCode: '84',
    geo: { latitude: 45.7597, longitude: 4.8422 },
    geoPrecision: 'feed',
    ...overrides,
  };
}

/** A canonical offer as events carry it (offers.offer.changed.v2 / indexed.v2), for unit tests. */
export function canonicalOffer(overrides: Partial<Offer> = {}): Offer {
  return {
    title: 'Développeur back-end TypeScript (H/F)',
    description:
      "Vous rejoignez l'équipe plateforme pour concevoir des services Node.js. Au moins 2 ans d'expérience.",
    descriptionHtml: null,
    companyName: 'Atelier Numérique Lyonnais',
    contract: { type: 'cdi', source: null },
    workingTime: 'full_time',
    remote: 'partial',
    place: offerPlace(),
    salary: { minAnnualEur: 45_000, maxAnnualEur: 55_000, label: '45 000 à 55 000 € par an' },
    romeCode: 'M1805',
    applyUrl: 'https://jobs.example.fr/offres/42',
    publishedAt: '2026-11-27T08:00:00.000Z',
    validThrough: '2027-01-31T23:59:59.000Z',
    clusterId: null,
    moderation: { status: 'clean', ruleIds: [] },
    ...overrides,
  };
}
