import { boundingBox } from '@vigie/geo';

/**
 * Coarse cells of 0.5° (about 55 × 37 km in France): a radius of 5–100 km covers 1 to about 30 of
 * them, few enough to list an alert under each, large enough that an offer falls in exactly one.
 */
export const CELL_DEGREES = 0.5;
const LON_CELLS = 1024;

export function cellOf(latitude: number, longitude: number): number {
  const lat = Math.floor((Math.min(latitude, 89.999999) + 90) / CELL_DEGREES);
  return lat * LON_CELLS + Math.floor((Math.min(longitude, 179.999999) + 180) / CELL_DEGREES);
}

/** Every cell the circle's bounding box touches (a superset of the cells the circle meets). */
export function cellsCovering(latitude: number, longitude: number, radiusKm: number): number[] {
  const box = boundingBox({ latitude, longitude }, radiusKm);
  const lat0 = Math.floor((box.minLatitude + 90) / CELL_DEGREES);
  const lat1 = Math.floor((Math.min(box.maxLatitude, 89.999999) + 90) / CELL_DEGREES);
  const lon0 = Math.floor((box.minLongitude + 180) / CELL_DEGREES);
  const lon1 = Math.floor((Math.min(box.maxLongitude, 179.999999) + 180) / CELL_DEGREES);
  const out: number[] = [];
  for (let lat = lat0; lat <= lat1; lat++)
    for (let lon = lon0; lon <= lon1; lon++) out.push(lat * LON_CELLS + lon);
  return out;
}
