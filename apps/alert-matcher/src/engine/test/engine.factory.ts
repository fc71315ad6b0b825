import { type SearchCriteria, SearchCriteriaSchema } from '@vigie/contracts';
import type { EngineAlert, MatchableOffer } from '../alert-engine';

let next = 0;

/** Criteria with the schema's defaults, overriding what the test is about. */
export function criteria(overrides: Partial<SearchCriteria> = {}): SearchCriteria {
  return { ...SearchCriteriaSchema.parse({}), ...overrides };
}

/** An alert anywhere with no filter (it matches every offer) unless overridden. */
export function engineAlert(
  overrides: Partial<SearchCriteria> = {},
  place?: EngineAlert['place'],
): EngineAlert {
  next += 1;
  return { id: `alert-${next}`, criteria: criteria(overrides), ...(place ? { place } : {}) };
}

/** A full-time CDI developer offer in Lyon 3e with a salary, overriding what the test is about. */
export function engineOffer(overrides: Partial<MatchableOffer> = {}): MatchableOffer {
  next += 1;
  return {
    id: `offer-${next}`,
    title: 'Développeur back-end TypeScript (H/F)',
    description:
      "Vous rejoignez l'équipe plateforme pour concevoir des services Node.js en télétravail partiel.",
    companyName: 'Atelier Numérique Lyonnais',
    contractType: 'cdi',
    workingTime: 'full_time',
    remote: 'partial',
    salaryMinAnnual: 45_000,
    salaryMaxAnnual: 55_000,
    romeCode: 'M1805',
    communeCode: '69383',
    departmentCode: '69',
    regionCode: '84',
    latitude: 45.7597,
    longitude: 4.8422,
    clusterId: null,
    ...overrides,
  };
}
