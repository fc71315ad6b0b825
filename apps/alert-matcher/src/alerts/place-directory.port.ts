import type { Commune, Department, GeoPoint, Region } from '@vigie/geo';

/** Port: the gazetteer as alerts use it (the `Gazetteer` of @vigie/geo fits it as it is). */
export interface PlaceDirectory {
  commune(code: string): Commune | null;
  department(code: string): Department | null;
  region(code: string): Region | null;
  /** User input (« Lyon », « 69123 ») → communes, best first. */
  findCommunes(query: string, limit?: number): Commune[];
  nearestCommune(point: GeoPoint, maxKm: number): Commune | null;
}

export const PLACE_DIRECTORY = Symbol('PLACE_DIRECTORY');
