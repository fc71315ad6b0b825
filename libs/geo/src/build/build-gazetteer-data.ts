import { join } from 'node:path';
import {
  COMMUNE_KINDS,
  type CommuneColumns,
  type DepartmentRow,
  GAZETTEER_FORMAT,
  GEO_SOURCES,
  type GazetteerData,
  keyProbe,
  type RegionRow,
  type SortedIndex,
} from '../gazetteer-data';
import { lookupKeys } from '../place-name';
import { readEtalabSource } from './etalab-source';
import { type GeoNamesPlace, readFrenchGeoNames } from './geonames-reader';
import { locateCommunes } from './locate-communes';
import { COMMUNES_PACKAGE, findSourcePackage, GEONAMES_PACKAGE, packageId } from './source-packages';

/** The identities of the packages the gazetteer is built from, `name@version`: the cache key. */
export function gazetteerSources(): string[] {
  return [packageId(findSourcePackage(COMMUNES_PACKAGE)), packageId(findSourcePackage(GEONAMES_PACKAGE))];
}

/** Builds the compact gazetteer from the installed npm packages (about a second; then cached). */
export function buildGazetteerData(): GazetteerData {
  const communesPkg = findSourcePackage(COMMUNES_PACKAGE);
  const geonamesPkg = findSourcePackage(GEONAMES_PACKAGE);
  const source = readEtalabSource(communesPkg.dir);
  const places = readFrenchGeoNames(join(geonamesPkg.dir, 'dist', 'cities500.txt'));
  const located = locateCommunes(source, places);
  const communes: CommuneColumns = {
    code: [],
    name: [],
    postalCodes: [],
    department: [],
    population: [],
    kind: [],
    parent: [],
    latitude: [],
    longitude: [],
    geoSource: [],
  };
  const names: [string, number][] = [];
  const postalCodes: [string, number][] = [];
  // Sorted by code (stable: a commune déléguée keeps its place beside the new commune sharing its code).
  const byCode = [...located].sort((a, b) =>
    a.source.code < b.source.code ? -1 : a.source.code > b.source.code ? 1 : 0,
  );
  const regionOf = new Map(source.departments.map((d) => [d.code, d.region]));
  const current = new Map(
    source.communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]),
  );
  for (const c of byCode) {
    communes.code.push(c.source.code);
    communes.name.push(c.source.nom);
    communes.postalCodes.push([...c.postalCodes]);
    communes.department.push(c.source.departement);
    // The region is the department's (one column fewer to parse at every start).
    if (regionOf.get(c.source.departement) !== c.source.region) {
      throw new Error(
        `gazetteer: commune ${c.source.code} is not in the region of department ${c.source.departement}`,
      );
    }
    communes.population.push(c.source.population ?? 0);
    communes.kind.push(COMMUNE_KINDS.indexOf(c.source.type));
    communes.parent.push(c.source.type === 'commune-actuelle' ? '' : c.parentCode);
    communes.latitude.push(round(c.geo.latitude));
    communes.longitude.push(round(c.geo.longitude));
    communes.geoSource.push(GEO_SOURCES.indexOf(c.geoSource));
    const index = communes.code.length - 1;
    // A commune déléguée with the code and name of the commune it joined is the same place twice.
    const parent = current.get(c.parentCode);
    const repeatsParent =
      parent !== undefined && parent.code === c.source.code && parent.nom === c.source.nom;
    if (!repeatsParent) for (const key of lookupKeys(c.source.nom)) names.push([key, index]);
    if (c.source.type === 'commune-actuelle' || c.source.type === 'arrondissement-municipal') {
      for (const pc of c.postalCodes) postalCodes.push([pc, index]);
    }
  }
  return {
    format: GAZETTEER_FORMAT,
    localities: sortedIndex(localities(places, communes, names)),
    sources: [packageId(communesPkg), packageId(geonamesPkg)],
    keyProbe: keyProbe(),
    regions: source.regions.map((r): RegionRow => [r.code, r.nom, r.chefLieu]),
    departments: source.departments.map((d): DepartmentRow => [d.code, d.nom, d.region ?? '', d.chefLieu]),
    communes,
    names: sortedIndex(names),
    postalCodes: sortedIndex(postalCodes),
  };
}

/**
 * GeoNames places that are not communes (quarters, hamlets, former communes: « Montfavet », « Louhans »
 * for Louhans-Châteaurenaud) under the key of their name, pointing at the current commune of their
 * INSEE code. Names that are also a commune's in the department are left to the communes.
 */
function localities(
  places: readonly GeoNamesPlace[],
  communes: CommuneColumns,
  names: readonly [string, number][],
): [string, number][] {
  const current = new Map<string, number>();
  communes.code.forEach((code, i) => {
    if (communes.kind[i] === 0) current.set(code, i);
  });
  const communeNames = new Set(names.map(([key, i]) => `${communes.department[i]}|${key}`));
  const entries = new Map<string, [string, number]>();
  for (const place of places) {
    const index = current.get(place.inseeCode);
    if (index === undefined) continue;
    for (const key of lookupKeys(place.name)) {
      if (communeNames.has(`${communes.department[index]}|${key}`)) continue;
      entries.set(`${key}|${index}`, [key, index]);
    }
  }
  return [...entries.values()];
}

/** Sorted by key, then by commune index, so that the file is the same from one build to the next. */
function sortedIndex(entries: [string, number][]): SortedIndex {
  entries.sort(([a, i], [b, j]) => (a < b ? -1 : a > b ? 1 : i - j));
  return { keys: entries.map(([key]) => key), communes: entries.map(([, index]) => index) };
}

/** Five decimals: about one metre, and a third of the file size of full precision. */
const round = (x: number): number => Math.round(x * 1e5) / 1e5;
