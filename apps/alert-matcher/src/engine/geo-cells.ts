import { boundingBox } from '@vigie/geo';

/**
 * Grid cells at five sizes, 0.1° to 1.6° (about 11 × 8 km to 180 × 120 km in France). An alert's
 * circle is listed at the finest level where its bounding box covers at most `MAX_CELLS` cells:
 * 1–9 cells for any radius, so a candidate reached through a cell is within its radius often
 * (a 5 km circle at 0.1°, not at 0.5° where 96 % of the cell's offers are out of reach). An offer
 * falls in exactly one cell per level and reads all five.
 */
export const CELL_LEVELS = [0.1, 0.2, 0.4, 0.8, 1.6] as const;
const MAX_CELLS = 9;
// A cell key: level in the high bits, then latitude row and longitude column (all < 2^30: a Smi).
const LON_BITS = 12;
const LAT_BITS = 11;

const row = (latitude: number, size: number) => Math.floor((Math.min(latitude, 89.999999) + 90) / size);
const col = (longitude: number, size: number) => Math.floor((Math.min(longitude, 179.999999) + 180) / size);
const key = (level: number, lat: number, lon: number) => (((level << LAT_BITS) | lat) << LON_BITS) | lon;

/** The offer's cell at each level, in `out` (length CELL_LEVELS.length). */
export function cellsOf(latitude: number, longitude: number, out: Int32Array): void {
  for (let level = 0; level < CELL_LEVELS.length; level++) {
    const size = CELL_LEVELS[level]!;
    out[level] = key(level, row(latitude, size), col(longitude, size));
  }
}

/** The level of a cell key (0 = finest). */
export const levelOf = (cell: number) => cell >>> (LAT_BITS + LON_BITS);

/**
 * The cells of one level that the circle's bounding box touches (a superset of the cells the
 * circle meets), at the finest level where they are at most MAX_CELLS.
 */
export function cellsCovering(latitude: number, longitude: number, radiusKm: number): number[] {
  const box = boundingBox({ latitude, longitude }, radiusKm);
  for (let level = 0; level < CELL_LEVELS.length; level++) {
    const size = CELL_LEVELS[level]!;
    const lat0 = row(box.minLatitude, size);
    const lat1 = row(box.maxLatitude, size);
    const lon0 = col(box.minLongitude, size);
    const lon1 = col(box.maxLongitude, size);
    const count = (lat1 - lat0 + 1) * (lon1 - lon0 + 1);
    if (count > MAX_CELLS && level < CELL_LEVELS.length - 1) continue;
    const out: number[] = [];
    for (let lat = lat0; lat <= lat1; lat++)
      for (let lon = lon0; lon <= lon1; lon++) out.push(key(level, lat, lon));
    return out;
  }
  return [];
}
