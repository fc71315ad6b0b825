import type { Gazetteer } from '@vigie/geo';
import { CommuneCentre, CommuneDirectory } from './commune-directory.port';

/** The gazetteer ingestion resolves offers with, so a searched commune is the one offers name. */
export class GazetteerCommuneDirectory extends CommuneDirectory {
  constructor(private readonly gazetteer: Gazetteer) {
    super();
  }

  commune(code: string): CommuneCentre | null {
    const c = this.gazetteer.commune(code);
    return c && { code: c.code, name: c.name, geo: c.geo };
  }

  named(name: string): CommuneCentre | null {
    // « Saint-Denis » names several communes: a candidate most likely means the largest.
    const [best] = [...this.gazetteer.communesNamed(name)]
      .filter((c) => c.kind === 'commune-actuelle')
      .sort((a, b) => b.population - a.population);
    return best ? { code: best.code, name: best.name, geo: best.geo } : null;
  }
}
