import { COMMUNE_KINDS, GEO_SOURCES, type GazetteerData } from './gazetteer-data';
import type { Commune, Department, GeoPoint, Region } from './gazetteer.types';
import { CommuneGrid } from './commune-grid';
import { CommuneSearch } from './find-communes';
import { lookupKeys, withoutArticle } from './place-name';
import { resolvePlace, type PlaceInput, type PlaceResolution } from './resolve-place';

/**
 * The platform's gazetteer: every commune of metropolitan France and the overseas departments, with
 * coordinates, postal codes, department and region. Built once by `loadGazetteer()`; every method
 * after that is synchronous, pure and allocation-light, so it can sit on the hot path of a feed.
 */
export class Gazetteer {
  readonly sources: readonly string[];
  private readonly all: readonly Commune[];
  private readonly byCode = new Map<string, Commune>();
  /** Name key → communes; built on the first look-up by name (services that only use codes never pay). */
  private byKeyIndex: Map<string, Commune[]> | null = null;
  private readonly keyColumn: readonly string[];
  /** Postal code → communes and arrondissements; built on first use, like the name index. */
  private byPostalCodeIndex: Map<string, Commune[]> | null = null;
  private readonly partsByParent = new Map<string, Commune[]>();
  private readonly departmentsByCode = new Map<string, Department>();
  private readonly regionsByCode = new Map<string, Region>();
  private readonly areaByKey = new Map<string, Department | Region>();
  private readonly coextensive = new Map<string, Commune>();
  private grid: CommuneGrid | null = null;
  private search: CommuneSearch | null = null;

  constructor(data: GazetteerData) {
    this.sources = data.sources;
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

    const columns = data.communes;
    const all: Commune[] = [];
    for (let i = 0; i < columns.code.length; i++) {
      const geoSource = GEO_SOURCES[columns.geoSource[i]!]!;
      const parent = columns.parent[i]!;
      all.push({
        code: columns.code[i]!,
        name: columns.name[i]!,
        postalCodes: columns.postalCodes[i]!,
        departmentCode: columns.department[i]!,
        regionCode: columns.region[i]!,
        population: columns.population[i]!,
        kind: COMMUNE_KINDS[columns.kind[i]!]!,
        parentCode: parent === '' ? null : parent,
        geo: { latitude: columns.latitude[i]!, longitude: columns.longitude[i]! },
        geoPrecision: geoSource === 'prefecture' ? 'department' : 'commune',
        geoSource,
      });
    }
    this.all = all;
    const currentByDepartment = new Map<string, Commune[]>();
    for (const c of all) {
      const taken = this.byCode.get(c.code);
      if (!taken || (taken.kind !== 'commune-actuelle' && c.kind === 'commune-actuelle'))
        this.byCode.set(c.code, c);
      if (c.parentCode !== null) push(this.partsByParent, c.parentCode, c);
      if (c.kind === 'commune-actuelle') push(currentByDepartment, c.departmentCode, c);
    }
    for (const [department, communes] of currentByDepartment) {
      if (communes.length === 1) this.coextensive.set(department, communes[0]!);
    }
    this.keyColumn = columns.keys;
  }

  /** Every commune, commune déléguée, associée and arrondissement (37,000 or so). */
  communes(): readonly Commune[] {
    return this.all;
  }

  /** By INSEE code; where a commune déléguée shares its code with the new commune, the new commune. */
  commune(code: string): Commune | null {
    return this.byCode.get(code.trim().toUpperCase()) ?? null;
  }

  /** The arrondissements, communes déléguées and associées that belong to a commune. */
  partsOf(code: string): readonly Commune[] {
    return this.partsByParent.get(code) ?? [];
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
    return this.coextensive.get(departmentCode) ?? null;
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

  private get byKey(): Map<string, Commune[]> {
    this.byKeyIndex ??= indexByKey(this.all, this.keyColumn, this.byCode);
    return this.byKeyIndex;
  }

  /** Communes (including déléguées, associées, arrondissements) whose name matches, any department. */
  communesNamed(name: string): readonly Commune[] {
    const found = new Set<Commune>();
    for (const key of lookupKeys(name)) for (const c of this.byKey.get(key) ?? []) found.add(c);
    return [...found];
  }

  /** Communes and arrondissements La Poste serves under this postal code (CEDEX codes have none). */
  communesWithPostalCode(postalCode: string): readonly Commune[] {
    if (this.byPostalCodeIndex === null) {
      this.byPostalCodeIndex = new Map();
      for (const c of this.all) {
        if (c.kind !== 'commune-actuelle' && c.kind !== 'arrondissement-municipal') continue;
        for (const pc of c.postalCodes) push(this.byPostalCodeIndex, pc, c);
      }
    }
    return this.byPostalCodeIndex.get(postalCode.trim()) ?? [];
  }

  /** User input (« Lyon », « saint etienne », « 69003 », « 69123 ») → communes, best first. */
  findCommunes(query: string, limit = 10): Commune[] {
    this.search ??= new CommuneSearch(this, this.byKey);
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
      this.all.filter(
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
}

function indexByKey(
  communes: readonly Commune[],
  keys: readonly string[],
  byCode: ReadonlyMap<string, Commune>,
): Map<string, Commune[]> {
  const index = new Map<string, Commune[]>();
  for (let i = 0; i < communes.length; i++) {
    const c = communes[i]!;
    // A commune déléguée with the name and code of the commune it joined is the same place twice.
    const parent = c.parentCode === null ? undefined : byCode.get(c.parentCode);
    if (parent && c.kind !== 'arrondissement-municipal' && parent.code === c.code && parent.name === c.name)
      continue;
    for (const key of keys[i]!.split('|')) push(index, key, c);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
