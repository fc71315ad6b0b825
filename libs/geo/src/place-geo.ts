import { distanceKm } from './distance';
import type { Gazetteer } from './gazetteer';
import type { Commune, CommuneGeoSource, GeoPoint } from './gazetteer.types';

/** What became of a feed's coordinates: none given, kept, kept after swapping them, or rejected. */
export type FeedCoordinates = 'absent' | 'kept' | 'swapped' | 'rejected';

/**
 * How far feed coordinates may lie from the gazetteer's centre of the commune and still be taken as
 * its place: a commune's radius (most are under 10 km across) plus the error of the centre itself,
 * measured against the INSEE centres (docs/architecture.md, "Gazetteer").
 */
const TOLERANCE_KM: Record<CommuneGeoSource, number> = {
  geonames: 20,
  'geonames-name': 20,
  parent: 20,
  'postal-sibling': 30,
  epci: 45,
  prefecture: 120,
};
/** Guyane's communes are the size of French departments (Maripasoula: 18,000 km²). */
const GUYANE_TOLERANCE_KM = 150;
/** Without a commune, coordinates must fall this close to a known commune (inside what was named). */
const AREA_TOLERANCE_KM = 10;

export function toleranceKm(commune: Commune): number {
  return commune.departmentCode === '973' ? GUYANE_TOLERANCE_KM : TOLERANCE_KM[commune.geoSource];
}

/** The feed's coordinates if it gave two finite numbers, not yet checked for plausibility. */
export function readFeedPoint(
  input: { latitude?: number | null; longitude?: number | null },
  warnings: string[],
): GeoPoint | null {
  const { latitude, longitude } = input;
  if ((latitude === undefined || latitude === null) && (longitude === undefined || longitude === null))
    return null;
  if (
    typeof latitude !== 'number' ||
    typeof longitude !== 'number' ||
    !Number.isFinite(latitude) ||
    !Number.isFinite(longitude)
  ) {
    warnings.push('feed coordinates incomplete or not numbers; ignored');
    return null;
  }
  if (latitude === 0 && longitude === 0) {
    warnings.push('feed coordinates are 0,0; ignored');
    return null;
  }
  return { latitude, longitude };
}

const isValid = (p: GeoPoint): boolean => Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180;
const swap = (p: GeoPoint): GeoPoint => ({ latitude: p.longitude, longitude: p.latitude });
const show = (p: GeoPoint): string => `${p.latitude},${p.longitude}`;

export interface PlaceGeo {
  readonly geo: GeoPoint | null;
  readonly precision: 'feed' | 'commune' | 'department' | null;
  readonly feedCoordinates: FeedCoordinates;
  readonly warnings: readonly string[];
}

/**
 * Feed coordinates win only when plausible for what was resolved: within the tolerance of the
 * commune's centre, or, with no commune, within 10 km of a known commune of the department or region
 * named. Swapped latitude and longitude (about fifty real France Travail offers) are detected by
 * trying the swap and fixed. Otherwise the commune's centre, or the department's prefecture, is used.
 */
export function choosePlaceGeo(
  gazetteer: Gazetteer,
  feed: GeoPoint | null,
  place: { commune: Commune | null; departmentCode: string | null; regionCode: string | null },
): PlaceGeo {
  const fallback = fallbackGeo(gazetteer, place);
  if (!feed) return { ...fallback, feedCoordinates: 'absent', warnings: [] };
  const { commune, departmentCode, regionCode } = place;
  const plausible = (p: GeoPoint): boolean => {
    if (!isValid(p)) return false;
    if (commune) return distanceKm(p, commune.geo) <= toleranceKm(commune);
    const inside = (c: Commune): boolean =>
      (departmentCode === null || c.departmentCode === departmentCode) &&
      (regionCode === null || c.regionCode === regionCode);
    return gazetteer.nearestCommune(p, AREA_TOLERANCE_KM, inside) !== null;
  };
  if (plausible(feed)) return { geo: feed, precision: 'feed', feedCoordinates: 'kept', warnings: [] };
  if (plausible(swap(feed))) {
    return {
      geo: swap(feed),
      precision: 'feed',
      feedCoordinates: 'swapped',
      warnings: [`feed latitude and longitude were swapped (${show(feed)}); fixed`],
    };
  }
  const what = commune
    ? `${Math.round(distanceKm(feed, commune.geo))} km from the centre of ${commune.code} ${commune.name}`
    : `not near a commune of ${departmentCode ? `department ${departmentCode}` : regionCode ? `region ${regionCode}` : 'France'}`;
  const used = fallback.geo
    ? commune
      ? "; used the commune's centre"
      : "; used the department's prefecture"
    : '';
  return {
    ...fallback,
    feedCoordinates: 'rejected',
    warnings: [`feed coordinates ${show(feed)} are ${what}${used}`],
  };
}

function fallbackGeo(
  gazetteer: Gazetteer,
  place: { commune: Commune | null; departmentCode: string | null },
): Pick<PlaceGeo, 'geo' | 'precision'> {
  if (place.commune) return { geo: place.commune.geo, precision: place.commune.geoPrecision };
  const department = place.departmentCode ? gazetteer.department(place.departmentCode) : null;
  const prefecture = department ? gazetteer.commune(department.prefectureCode) : null;
  return prefecture ? { geo: prefecture.geo, precision: 'department' } : { geo: null, precision: null };
}
