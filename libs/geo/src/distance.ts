import type { GeoPoint } from './gazetteer.types';

/** Mean Earth radius (IUGG), the one every distance on the platform uses. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine): the one distance used platform-wide. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  readonly minLatitude: number;
  readonly maxLatitude: number;
  readonly minLongitude: number;
  readonly maxLongitude: number;
}

/**
 * The latitude/longitude box that contains every point within `radiusKm` of `center`: a cheap
 * pre-filter (index range scans, grid cells) before the exact `distanceKm`. Near a pole, or across
 * the antimeridian, it widens to every longitude rather than wrap.
 */
export function boundingBox(center: GeoPoint, radiusKm: number): BoundingBox {
  const dLat = radiusKm / (EARTH_RADIUS_KM * RAD);
  const minLatitude = center.latitude - dLat;
  const maxLatitude = center.latitude + dLat;
  if (minLatitude <= -90 || maxLatitude >= 90) {
    return {
      minLatitude: Math.max(-90, minLatitude),
      maxLatitude: Math.min(90, maxLatitude),
      minLongitude: -180,
      maxLongitude: 180,
    };
  }
  // The widest longitude span is at the box's edge nearest the pole.
  const widest = Math.max(Math.abs(minLatitude), Math.abs(maxLatitude)) * RAD;
  const dLon = dLat / Math.cos(widest);
  const minLongitude = center.longitude - dLon;
  const maxLongitude = center.longitude + dLon;
  if (minLongitude < -180 || maxLongitude > 180)
    return { minLatitude, maxLatitude, minLongitude: -180, maxLongitude: 180 };
  return { minLatitude, maxLatitude, minLongitude, maxLongitude };
}

export function inBoundingBox(box: BoundingBox, point: GeoPoint): boolean {
  return (
    point.latitude >= box.minLatitude &&
    point.latitude <= box.maxLatitude &&
    point.longitude >= box.minLongitude &&
    point.longitude <= box.maxLongitude
  );
}
