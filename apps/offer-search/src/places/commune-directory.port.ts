import type { GeoPoint } from '@vigie/contracts';
import type { CommuneCentres } from '@vigie/offer-index';

export interface CommuneCentre {
  readonly code: string;
  readonly name: string;
  readonly geo: GeoPoint;
}

/** Port: communes by INSEE code or by name (the platform's gazetteer in production). */
export abstract class CommuneDirectory implements CommuneCentres {
  abstract commune(code: string): CommuneCentre | null;
  /** The commune a candidate means by this name (the most populous of homonyms), or null. */
  abstract named(name: string): CommuneCentre | null;
}
