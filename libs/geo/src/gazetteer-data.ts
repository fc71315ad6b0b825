import type { CommuneGeoSource, CommuneKind } from './gazetteer.types';
import { lookupKeys } from './place-name';

/**
 * The gazetteer's compact form, as cached on disk: one array per field (columnar JSON parses about
 * twice as fast as an array of rows, and far faster than objects), name keys precomputed (deriving
 * them at each start costs more than reading the whole file). Bump `GAZETTEER_FORMAT` whenever the
 * shape or the join changes: the cache file name includes it, so stale caches are rebuilt.
 */
export const GAZETTEER_FORMAT = 2;

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

/** One entry per commune, at the same index in every column. */
export interface CommuneColumns {
  readonly code: string[];
  readonly name: string[];
  readonly postalCodes: string[][];
  readonly department: string[];
  readonly region: string[];
  readonly population: number[];
  /** Index into COMMUNE_KINDS. */
  readonly kind: number[];
  /** Parent commune code, or ''. */
  readonly parent: string[];
  readonly latitude: number[];
  readonly longitude: number[];
  /** Index into GEO_SOURCES. */
  readonly geoSource: number[];
  /** `lookupKeys(name)` joined by '|'. */
  readonly keys: string[];
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
    Object.values(data.communes).every(
      (column) => Array.isArray(column) && column.length === data.communes!.code.length,
    )
  );
}
