import type { CommuneGeoSource, CommuneKind } from './gazetteer.types';
import { lookupKeys } from './place-name';

/**
 * The gazetteer's compact form, as cached on disk: one array per field (columnar JSON parses about
 * twice as fast as an array of rows, and far faster than objects), name keys precomputed (deriving
 * them at each start costs more than reading the whole file). Bump `GAZETTEER_FORMAT` whenever the
 * shape or the join changes: the cache file name includes it, so stale caches are rebuilt.
 */
export const GAZETTEER_FORMAT = 6;

export const COMMUNE_KINDS: readonly CommuneKind[] = [
  'commune-actuelle',
  'commune-deleguee',
  'commune-associee',
  'arrondissement-municipal',
];

export const GEO_SOURCES: readonly CommuneGeoSource[] = [
  'geonames',
  'geonames-name',
  'parent',
  'postal-sibling',
  'epci',
  'prefecture',
];

/** One entry per commune, at the same index in every column, sorted by code. */
export interface CommuneColumns {
  readonly code: string[];
  readonly name: string[];
  readonly postalCodes: string[][];
  /** The region is the department's (DepartmentRow). */
  readonly department: string[];
  readonly population: number[];
  /** Index into COMMUNE_KINDS. */
  readonly kind: number[];
  /** Parent commune code, or ''. */
  readonly parent: string[];
  readonly latitude: number[];
  readonly longitude: number[];
  /** Index into GEO_SOURCES. */
  readonly geoSource: number[];
}

/**
 * A sorted look-up table: `keys` in code-unit order (as `<` compares them), `communes[i]` the index
 * of the commune listed under `keys[i]`. Searched by bisection, so loading it builds nothing.
 */
export interface SortedIndex {
  readonly keys: string[];
  readonly communes: number[];
}

/** [code, name, region, prefecture commune code] */
export type DepartmentRow = [string, string, string, string];
/** [code, name, capital commune code] */
export type RegionRow = [string, string, string];

export interface GazetteerData {
  readonly format: number;
  /** The npm packages the data was built from, `name@version`. */
  readonly sources: readonly string[];
  /** `keyProbe()` when the keys were computed: a cache made by another name-key version is rebuilt. */
  readonly keyProbe: string;
  readonly regions: readonly RegionRow[];
  readonly departments: readonly DepartmentRow[];
  readonly communes: CommuneColumns;
  /** Name keys (`lookupKeys`) → communes, without communes déléguées that repeat their parent. */
  readonly names: SortedIndex;
  /** Postal codes → communes and arrondissements (not the parts that inherit their parent's). */
  readonly postalCodes: SortedIndex;
  /** Name keys of GeoNames places that are not communes → the commune they lie in. */
  readonly localities: SortedIndex;
}

const PROBES = [
  "L'Haÿ-les-Roses",
  'ST ÉTIENNE CEDEX',
  'Sables-d’Olonne (Les)',
  'Paris 15e Arrondissement',
  'Œuvre',
];

/** The name keys of a few awkward names: changes whenever place-name.ts does. */
export function keyProbe(): string {
  return PROBES.map((p) => lookupKeys(p).join('|')).join('/');
}

export function isGazetteerData(value: unknown, sources: readonly string[]): value is GazetteerData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Partial<GazetteerData>;
  return (
    data.format === GAZETTEER_FORMAT &&
    Array.isArray(data.sources) &&
    data.sources.join(' ') === sources.join(' ') &&
    data.keyProbe === keyProbe() &&
    Array.isArray(data.regions) &&
    Array.isArray(data.departments) &&
    typeof data.communes === 'object' &&
    Array.isArray(data.communes.code) &&
    data.communes.code.length > 0 &&
    data.communes.code.every((code, i, codes) => i === 0 || codes[i - 1]! <= code) &&
    isSortedIndex(data.names) &&
    isSortedIndex(data.postalCodes) &&
    isSortedIndex(data.localities) &&
    Object.values(data.communes).every(
      (column) => Array.isArray(column) && column.length === data.communes!.code.length,
    )
  );
}

function isSortedIndex(index: unknown): boolean {
  if (typeof index !== 'object' || index === null) return false;
  const { keys, communes } = index as Partial<SortedIndex>;
  return (
    Array.isArray(keys) &&
    Array.isArray(communes) &&
    keys.length === communes.length &&
    keys.every((key, i) => i === 0 || keys[i - 1]! <= key)
  );
}

/** The half-open range of `keys` equal to `key` (or, with `prefix`, starting with it). */
export function sortedRange(keys: readonly string[], key: string, prefix = false): [number, number] {
  const lowerBound = (k: string): number => {
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keys[mid]! < k) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const start = lowerBound(key);
  let end = start;
  while (end < keys.length && (prefix ? keys[end]!.startsWith(key) : keys[end] === key)) end++;
  return [start, end];
}
