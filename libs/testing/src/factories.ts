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
    remote: 'hybrid',
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
