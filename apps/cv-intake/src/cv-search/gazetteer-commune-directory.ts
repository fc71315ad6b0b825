import type { Commune, Gazetteer } from '@vigie/geo';
import { CommuneDirectory, CommuneWithGeo } from './commune-directory.port';

/** The gazetteer offers are resolved with, so a CV's commune is the one offers and searches name. */
export class GazetteerCommuneDirectory extends CommuneDirectory {
  constructor(private readonly gazetteer: Gazetteer) {
    super();
  }

  commune(code: string): CommuneWithGeo | null {
    const c = this.gazetteer.commune(code);
    return c && refOf(c);
  }

  population(code: string): number | null {
    return this.gazetteer.commune(code)?.population ?? null;
  }

  locate(city: string, postalCode?: string): CommuneWithGeo | null {
    const named = this.gazetteer.communesNamed(city).filter((c) => c.kind === 'commune-actuelle');
    const matching = postalCode ? named.filter((c) => c.postalCodes.includes(postalCode.trim())) : [];
    // « Saint-Denis » names several communes: the postal code decides, else the most populous.
    const [best] = (matching.length > 0 ? matching : named).sort((a, b) => b.population - a.population);
    return best ? refOf(best) : null;
  }
}

function refOf(c: Commune): CommuneWithGeo {
  return {
    code: c.code,
    name: c.name,
    departmentCode: c.departmentCode,
    regionCode: c.regionCode,
    geo: c.geo,
  };
}
