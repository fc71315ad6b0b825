import { type SortedIndex, sortedRange } from './gazetteer-data';
import type { Commune } from './gazetteer.types';
import { lookupKeys } from './place-name';

/** What findCommunes needs from the gazetteer. */
export interface CommuneDirectory {
  commune(code: string): Commune | null;
  communesWithPostalCode(postalCode: string): readonly Commune[];
}

const MAX_LIMIT = 100;
const CODE = /^(\d{5}|2[AB]\d{3})$/i;
const DEPARTMENT_SUFFIX = /^(.*?)\s*\((\d{2,3}|2[AB])\)\s*$/i;
const KIND_RANK: Record<Commune['kind'], number> = {
  'commune-actuelle': 0,
  'arrondissement-municipal': 1,
  'commune-deleguee': 2,
  'commune-associee': 3,
};

/** Best first inside a tier: the most populous, current communes before their parts, then by name. */
const byRelevance = (a: Commune, b: Commune): number =>
  b.population - a.population || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.name.localeCompare(b.name, 'fr');

/**
 * The commune search behind the search API's and alerts' `commune=<name>`: a 5-character code is an
 * INSEE code and/or a postal code; otherwise exact names (as typed, then without article or as an
 * arrondissement: « Paris 15 ») come first, then names that start with the query. « Saint-Denis (974) »
 * keeps the communes of that department only.
 */
export class CommuneSearch {
  constructor(
    private readonly directory: CommuneDirectory,
    private readonly names: SortedIndex,
    private readonly communeAt: (index: number) => Commune,
  ) {}

  find(query: string, limit = 10): Commune[] {
    const max = Math.max(0, Math.min(MAX_LIMIT, Math.floor(limit)));
    let text = query.replace(/\s+/g, ' ').trim();
    if (max === 0 || text === '') return [];
    if (CODE.test(text)) {
      const own = this.directory.commune(text);
      // 69003 serves Lyon and Lyon 3e: the arrondissement, the more precise, comes first.
      const served = [...this.directory.communesWithPostalCode(text)].sort(
        (a, b) =>
          Number(a.kind !== 'arrondissement-municipal') - Number(b.kind !== 'arrondissement-municipal') ||
          byRelevance(a, b),
      );
      return unique([...(own ? [own] : []), ...served]).slice(0, max);
    }
    let department: string | null = null;
    const suffix = DEPARTMENT_SUFFIX.exec(text);
    if (suffix) {
      text = suffix[1]!;
      department = suffix[2]!.toUpperCase();
    }
    const keep = (c: Commune): boolean => department === null || c.departmentCode === department;
    const [literal, ...variants] = lookupKeys(text);
    if (literal === undefined) return [];
    const tiers: Commune[][] = [
      this.exact(literal).filter(keep),
      variants.flatMap((k) => this.exact(k)).filter(keep),
      [literal, ...variants].flatMap((k) => this.prefixed(k)).filter(keep),
    ];
    return unique(tiers.flatMap((tier) => tier.sort(byRelevance))).slice(0, max);
  }

  private exact(key: string): Commune[] {
    return this.range(sortedRange(this.names.keys, key));
  }

  private prefixed(prefix: string): Commune[] {
    return this.range(sortedRange(this.names.keys, prefix, true));
  }

  private range([start, end]: [number, number]): Commune[] {
    const found: Commune[] = [];
    for (let i = start; i < end; i++) found.push(this.communeAt(this.names.communes[i]!));
    return found;
  }
}

function unique(communes: readonly Commune[]): Commune[] {
  return [...new Set(communes)];
}
