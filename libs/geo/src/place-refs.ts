import type { CommuneRef, OfferPlace } from '@vigie/contracts';
import type { Commune } from './gazetteer.types';
import type { PlaceResolution } from './resolve-place';

/** The contracts' reference to a commune (`CommuneRef`, libs/contracts/src/common/geography.ts). */
export function toCommuneRef(commune: Commune): CommuneRef {
  return {
    code: commune.code,
    name: commune.name,
    departmentCode: commune.departmentCode,
    regionCode: commune.regionCode,
  };
}

/** The canonical offer's place (`OfferPlace`) from a resolution and the label the feed wrote. */
export function toOfferPlace(resolution: PlaceResolution, label: string): OfferPlace {
  return {
    label,
    postalCode: resolution.postalCode,
    commune: resolution.commune ? toCommuneRef(resolution.commune) : null,
    departmentCode: resolution.departmentCode,
    regionCode: resolution.regionCode,
    geo: resolution.geo,
    geoPrecision: resolution.geoPrecision,
  };
}
