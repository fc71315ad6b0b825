import { ContractType, MatchExplanation, Offer } from '@vigie/contracts';

export interface AlertPlace {
  label: string;
  communeCode: string | null;
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/** A department or region the offer must lie in. */
export interface AlertArea {
  kind: 'department' | 'region';
  code: string;
  label: string;
}

/** What the first matcher compares: the alert's words, place and contract types (see matchable-alert.ts). */
export interface MatchableAlert {
  id: string;
  candidateId: string;
  email: string;
  frequency: string;
  keywords: string[];
  keywordTokens: string[];
  place: AlertPlace | null;
  area: AlertArea | null;
  contractTypes: ContractType[];
}

const EARTH_RADIUS_KM = 6371;

export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/**
 * Decides whether an offer fits an alert and says why, from the criteria the candidate chose only
 * (keywords, contract types, place): nothing about the candidate as a person enters matching.
 * Returns null when it does not fit.
 */
export function explainMatch(
  offer: Offer,
  offerTokens: ReadonlySet<string>,
  alert: MatchableAlert,
): MatchExplanation | null {
  if (!alert.keywordTokens.every((t) => offerTokens.has(t))) return null;
  if (alert.contractTypes.length > 0 && !alert.contractTypes.includes(offer.contract.type)) return null;

  let distance: number | null = null;
  if (alert.area) {
    const at = alert.area.kind === 'department' ? offer.place?.departmentCode : offer.place?.regionCode;
    if (at !== alert.area.code && offer.remote !== 'full') return null;
  } else if (alert.place) {
    const geo = offer.place?.geo;
    if (geo) {
      const exact = distanceKm(alert.place, geo);
      if (exact > alert.place.radiusKm) {
        if (offer.remote !== 'full') return null;
        // Outside the radius but fully remote: it fits because of the remote work, not the distance.
      } else {
        distance = Math.round(exact * 10) / 10;
      }
    } else if (offer.remote !== 'full') {
      // No coordinates: we cannot say it is within the radius, so we do not claim it is.
      return null;
    }
  }
  return {
    matchedKeywords: alert.keywords,
    contractType: alert.contractTypes.length > 0 ? offer.contract.type : null,
    distanceKm: distance,
    radiusKm: alert.place?.radiusKm ?? null,
    placeLabel: alert.place?.label ?? alert.area?.label ?? null,
  };
}
