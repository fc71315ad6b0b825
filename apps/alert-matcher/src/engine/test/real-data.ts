import { franceTravailOffers, occupationLabels, romeAppellations, sharedCommunes } from '@vigie/testing/unit';
import type { MatchableOffer } from '../alert-engine';
import { matchableOffer } from '../matchable-offer';
import type { AlertGeneratorData } from './alert-generator';

/** The real offers and the alert generator's real inputs, or null when ../shared/data is absent. */
export function realMatchingData(): { offers: MatchableOffer[]; data: AlertGeneratorData } | null {
  const offers = franceTravailOffers();
  const labels = occupationLabels();
  const rome = romeAppellations();
  const communes = sharedCommunes();
  if (offers === null || labels === null || rome === null || communes === null) return null;
  return {
    offers: offers.map((o) => matchableOffer(o.offerId, o.offer)),
    data: {
      labels: [...labels, ...rome.map((r) => r.label)],
      romeCodes: [...new Set(rome.map((r) => r.rome))],
      // Current communes only (arrondissements and former communes carry no department in the file).
      communes: communes.filter(
        (c) =>
          c.dep !== null && c.reg !== null && c.lat !== null && c.lon !== null && c.population_2021 !== null,
      ),
    },
  };
}
