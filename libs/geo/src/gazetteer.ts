import { CommuneGrid } from './commune-grid';
import { CommuneSearch } from './find-communes';
import {
  COMMUNE_KINDS,
  type CommuneColumns,
  GEO_SOURCES,
  type GazetteerData,
  type SortedIndex,
  sortedRange,
} from './gazetteer-data';
import type { Commune, Department, GeoPoint, Region } from './gazetteer.types';
import { lookupKeys, nameKey, withoutArticle } from './place-name';
import { resolvePlace, type PlaceInput, type PlaceResolution } from './resolve-place';

/**
 * The platform's gazetteer: every commune of metropolitan France and the overseas departments, with
 * coordinates, postal codes, department and region. Made once by `loadGazetteer()`; every method
 * after that is synchronous and pure, so it can sit on the hot path of a feed.
 *
 * Start-up is kept to reading the cache file: communes stay in the file's columns (sorted by code,
 * so `commune(code)` is a bisection) and become objects when first returned; names and postal codes
 * are looked up by bisection in the file's sorted indexes, so nothing is indexed at start-up.
 */
export class Gazetteer {
  readonly sources: readonly string[];
  private readonly columns: CommuneColumns;
  private readonly names: SortedIndex;
  private readonly postalIndex: SortedIndex;
  private readonly localityIndex: SortedIndex;
  private readonly objects: (Commune | undefined)[];
  private readonly departmentsByCode = new Map<string, Department>();
  private readonly regionsByCode = new Map<string, Region>();
  private readonly areaByKey = new Map<string, Department | Region>();
  private all: readonly Commune[] | null = null;
  private partsIndex: Map<string, Commune[]> | null = null;
  private coextensiveIndex: Map<string, Commune> | null = null;
  private grid: CommuneGrid | null = null;
  private search: CommuneSearch | null = null;

  constructor(data: GazetteerData) {
    this.sources = data.sources;
    this.columns = data.communes;
    this.names = data.names;
    this.postalIndex = data.postalCodes;
    this.localityIndex = data.localities;
    this.objects = new Array<Commune | undefined>(data.communes.code.length);
    const departmentCodes = new Map<string, string[]>();
    for (const [code, name, regionCode, prefectureCode] of data.departments) {
      this.departmentsByCode.set(code, { code, name, regionCode, prefectureCode });
      departmentCodes.set(regionCode, [...(departmentCodes.get(regionCode) ?? []), code]);
    }
    for (const [code, name, capitalCode] of data.regions) {
      this.regionsByCode.set(code, {
        code,
        name,
        capitalCode,
        departmentCodes: departmentCodes.get(code) ?? [],
      });
    }
    // Regions first, so that a department named like its region (Guyane, Mayotte…) wins the key.
    for (const area of [...this.regionsByCode.values(), ...this.departmentsByCode.values()]) {
      for (const key of lookupKeys(area.name)) this.areaByKey.set(key, area);
    }
  }

  /** Every commune, commune déléguée, associée and arrondissement (37,000 or so), by code. */
  communes(): readonly Commune[] {
    this.all ??= Array.from({ length: this.objects.length }, (_, i) => this.at(i));
    return this.all;
  }

  /** By INSEE code; where a commune déléguée shares its code with the new commune, the new commune. */
  commune(code: string): Commune | null {
    const [start, end] = sortedRange(this.columns.code, code.trim().toUpperCase());
    let found: number | null = null;
    for (let i = start; i < end; i++) if (found === null || this.columns.kind[i] === 0) found = i; // 0: commune-actuelle
    return found === null ? null : this.at(found);
  }

  /** The arrondissements, communes déléguées and associées that belong to a commune. */
  partsOf(code: string): readonly Commune[] {
    if (this.partsIndex === null) {
      this.partsIndex = new Map();
      const parents = this.columns.parent;
      for (let i = 0; i < parents.length; i++)
        if (parents[i] !== '') push(this.partsIndex, parents[i]!, this.at(i));
    }
    return this.partsIndex.get(code) ?? [];
  }

  department(code: string): Department | null {
    return this.departmentsByCode.get(code.trim().toUpperCase()) ?? null;
  }

  region(code: string): Region | null {
    return this.regionsByCode.get(code.trim()) ?? null;
  }

  departments(): readonly Department[] {
    return [...this.departmentsByCode.values()];
  }

  regions(): readonly Region[] {
    return [...this.regionsByCode.values()];
  }

  /** The commune that is the whole department, if any: Paris (75056) for department 75. */
  communeCoextensiveWith(departmentCode: string): Commune | null {
    if (this.coextensiveIndex === null) {
      const current = new Map<string, number[]>();
      const { kind, department } = this.columns;
      for (let i = 0; i < kind.length; i++) if (kind[i] === 0) push(current, department[i]!, i);
      this.coextensiveIndex = new Map();
      for (const [code, communes] of current) {
        if (communes.length === 1) this.coextensiveIndex.set(code, this.at(communes[0]!));
      }
    }
    return this.coextensiveIndex.get(departmentCode) ?? null;
  }

  /** The department or region a name or code designates (« Hauts de Seine », « Rhin (Bas) », « 2A », « Ile-de-France »). */
  area(text: string): Department | Region | null {
    const code = text.trim().toUpperCase();
    const byCode = this.departmentsByCode.get(code) ?? this.regionsByCode.get(code);
    if (byCode) return byCode;
    const inverted = /^(.*?)\s*\(([^()]+)\)$/.exec(text.trim());
    const candidates = inverted ? [`${inverted[2]} ${inverted[1]}`, text] : [text];
    for (const candidate of candidates) {
      for (const key of lookupKeys(candidate)) {
        const area = this.areaByKey.get(key) ?? this.areaByKey.get(withoutArticle(key) ?? '');
        if (area) return area;
      }
    }
    return null;
  }

  /** Communes (including déléguées, associées, arrondissements) whose name matches, any department. */
  communesNamed(name: string): readonly Commune[] {
    const found = new Set<Commune>();
    for (const key of lookupKeys(name)) {
      const [start, end] = sortedRange(this.names.keys, key);
      for (let i = start; i < end; i++) found.add(this.at(this.names.communes[i]!));
    }
    return [...found];
  }

  /**
   * Communes whose name starts with the given one's key at a word boundary (« Eragny » → Éragny-sur-Oise,
   * Éragny-sur-Epte), or anywhere when `truncated` (France Travail cuts labels near 30 characters).
   */
  communesNamedStartingWith(name: string, truncated = false): readonly Commune[] {
    const key = nameKey(name);
    if (key === '') return [];
    const [start, end] = sortedRange(this.names.keys, truncated ? key : `${key} `, true);
    const found = new Set<Commune>();
    for (let i = start; i < end; i++) found.add(this.at(this.names.communes[i]!));
    return [...found];
  }

  /** The communes a GeoNames place of that name lies in, when it is not itself a commune (« Montfavet » → Avignon). */
  communesAtLocality(name: string): readonly Commune[] {
    const found = new Set<Commune>();
    for (const key of lookupKeys(name)) {
      const [start, end] = sortedRange(this.localityIndex.keys, key);
      for (let i = start; i < end; i++) found.add(this.at(this.localityIndex.communes[i]!));
    }
    return [...found];
  }

  /** Communes and arrondissements La Poste serves under this postal code (CEDEX codes have none). */
  communesWithPostalCode(postalCode: string): readonly Commune[] {
    const [start, end] = sortedRange(this.postalIndex.keys, postalCode.trim());
    const found: Commune[] = [];
    for (let i = start; i < end; i++) found.push(this.at(this.postalIndex.communes[i]!));
    return found;
  }

  /** User input (« Lyon », « saint etienne », « 69003 », « 69123 ») → communes, best first. */
  findCommunes(query: string, limit = 10): Commune[] {
    this.search ??= new CommuneSearch(this, this.names, (i) => this.at(i));
    return this.search.find(query, limit);
  }

  /**
   * The commune or arrondissement whose own GeoNames place is nearest to `point`, within `maxKm`.
   * Only communes located by GeoNames take part: an estimated centre would attract points that
   * belong to its neighbours.
   */
  nearestCommune(
    point: GeoPoint,
    maxKm: number,
    accept: (c: Commune) => boolean = () => true,
  ): Commune | null {
    this.grid ??= new CommuneGrid(
      this.communes().filter(
        (c) =>
          (c.geoSource === 'geonames' || c.geoSource === 'geonames-name') &&
          (c.kind === 'commune-actuelle' || c.kind === 'arrondissement-municipal'),
      ),
    );
    return this.grid.nearest(point, maxKm, accept);
  }

  /** The one place resolution every feed uses: see resolve-place.ts. */
  resolvePlace(input: PlaceInput): PlaceResolution {
    return resolvePlace(this, input);
  }

  private at(i: number): Commune {
    return (this.objects[i] ??= this.make(i));
  }

  private make(i: number): Commune {
    const c = this.columns;
    const geoSource = GEO_SOURCES[c.geoSource[i]!]!;
    const parent = c.parent[i]!;
    return {
      code: c.code[i]!,
      name: c.name[i]!,
      postalCodes: c.postalCodes[i]!,
      departmentCode: c.department[i]!,
      regionCode: this.departmentsByCode.get(c.department[i]!)!.regionCode,
      population: c.population[i]!,
      kind: COMMUNE_KINDS[c.kind[i]!]!,
      parentCode: parent === '' ? null : parent,
      geo: { latitude: c.latitude[i]!, longitude: c.longitude[i]! },
      geoPrecision: geoSource === 'prefecture' ? 'department' : 'commune',
      geoSource,
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
