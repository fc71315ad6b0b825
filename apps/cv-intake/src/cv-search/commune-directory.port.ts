import type { CommuneRef, GeoPoint } from '@vigie/contracts';

export type CommuneWithGeo = CommuneRef & { geo: GeoPoint };

/** Port: communes of the platform's gazetteer (by INSEE code, or by the name a CV gives). */
export abstract class CommuneDirectory {
  abstract commune(code: string): CommuneWithGeo | null;
  /** INSEE's legal population of the commune, or null for an unknown code. */
  abstract population(code: string): number | null;
  /** The commune a CV's city means (a postal code, when given, picks among homonyms), or null. */
  abstract locate(city: string, postalCode?: string): CommuneWithGeo | null;
}
