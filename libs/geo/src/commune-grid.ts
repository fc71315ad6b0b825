import { boundingBox, distanceKm } from './distance';
import type { Commune, GeoPoint } from './gazetteer.types';

const CELL_DEGREES = 0.1;
const cellOf = (degrees: number): number => Math.floor(degrees / CELL_DEGREES);
const cellKey = (latCell: number, lonCell: number): number => latCell * 10_000 + lonCell;

/** Communes bucketed in 0.1° cells (about 11 × 7 km in France) for nearest-centre look-ups. */
export class CommuneGrid {
  private readonly cells = new Map<number, Commune[]>();

  constructor(communes: readonly Commune[]) {
    for (const c of communes) {
      const key = cellKey(cellOf(c.geo.latitude), cellOf(c.geo.longitude));
      const cell = this.cells.get(key);
      if (cell) cell.push(c);
      else this.cells.set(key, [c]);
    }
  }

  nearest(point: GeoPoint, maxKm: number, accept: (c: Commune) => boolean): Commune | null {
    const box = boundingBox(point, maxKm);
    let best: Commune | null = null;
    let bestKm = maxKm;
    for (let lat = cellOf(box.minLatitude); lat <= cellOf(box.maxLatitude); lat++) {
      for (let lon = cellOf(box.minLongitude); lon <= cellOf(box.maxLongitude); lon++) {
        for (const c of this.cells.get(cellKey(lat, lon)) ?? []) {
          const km = distanceKm(point, c.geo);
          if (km <= bestKm && accept(c)) {
            best = c;
            bestKm = km;
          }
        }
      }
    }
    return best;
  }
}
