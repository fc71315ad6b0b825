import type { Offer } from '@vigie/contracts';
import { OFFER_STATES } from './gone-offers';

/** A live offer as the index is given it: the canonical offer plus its identity and version. */
export interface LiveOfferDocument extends Offer {
  offerId: string;
  recruiterId: string;
  version: number;
  indexedAt: string;
}

/**
 * The stored form of a live offer, the one place it is built (the indexer, the benchmarks and the
 * tests' indices all write this): geo_point wants `lat`/`lon` where the contracts say
 * `latitude`/`longitude`, and the salary carries its ceiling (the maximum, else the minimum), one
 * numeric field for the salary facet's range buckets instead of a boolean filter per band.
 */
export function storedOfferSource(document: LiveOfferDocument): Record<string, unknown> {
  const { place, salary } = document;
  return {
    ...document,
    state: OFFER_STATES.live,
    status: 'active',
    place: place && {
      ...place,
      geo: place.geo && { lat: place.geo.latitude, lon: place.geo.longitude },
    },
    salary: salary && { ...salary, ceilingAnnualEur: salary.maxAnnualEur ?? salary.minAnnualEur },
  };
}
