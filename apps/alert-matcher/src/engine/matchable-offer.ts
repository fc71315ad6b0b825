import type { Offer } from '@vigie/contracts';
import type { MatchableOffer } from './alert-engine';

/** The engine's view of a canonical offer (offers.offer.changed.v2 / indexed.v2 snapshot). */
export function matchableOffer(offerId: string, offer: Offer): MatchableOffer {
  const place = offer.place;
  return {
    id: offerId,
    title: offer.title,
    description: offer.description,
    companyName: offer.companyName,
    contractType: offer.contract.type,
    workingTime: offer.workingTime,
    remote: offer.remote,
    salaryMinAnnual: offer.salary?.minAnnualEur ?? null,
    salaryMaxAnnual: offer.salary?.maxAnnualEur ?? null,
    romeCode: offer.romeCode,
    communeCode: place?.commune?.code ?? null,
    // The index filters on the place's own codes, which ingestion fills from the commune when known.
    departmentCode: place?.departmentCode ?? null,
    regionCode: place?.regionCode ?? null,
    latitude: place?.geo?.latitude ?? null,
    longitude: place?.geo?.longitude ?? null,
    clusterId: offer.clusterId,
  };
}
