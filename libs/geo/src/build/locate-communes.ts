import { distanceKm } from '../distance';
import type { CommuneGeoSource, GeoPoint } from '../gazetteer.types';
import { arrondissementKey, nameKey } from '../place-name';
import type { EtalabCommune, EtalabSource } from './etalab-source';
import type { GeoNamesPlace } from './geonames-reader';

/** A commune of the official list with the coordinates the join found for it. */
export interface LocatedCommune {
  readonly source: EtalabCommune;
  /** The commune-actuelle a part of a commune belongs to, or ''. */
  readonly parentCode: string;
  readonly postalCodes: readonly string[];
  readonly geo: GeoPoint;
  readonly geoSource: CommuneGeoSource;
}

interface Draft {
  readonly source: EtalabCommune;
  readonly parentCode: string;
  readonly key: string;
  readonly epci: string | undefined;
  postalCodes: readonly string[];
  geo: GeoPoint | null;
  geoSource: CommuneGeoSource;
}

/** A GeoNames place found only by name must lie this close to where its neighbours put the commune. */
const NAME_MATCH_MAX_KM = 15;

/** Feature codes from the most to the least telling for a commune's centre. */
const FEATURE_RANK = ['PPLC', 'PPLA', 'PPLA2', 'PPLA3', 'PPLA4', 'PPLA5', 'PPL', 'PPLL', 'PPLX'];
const featureRank = (code: string): number => {
  const rank = FEATURE_RANK.indexOf(code);
  return rank < 0 ? FEATURE_RANK.length : rank;
};

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const centroid = (points: readonly GeoPoint[]): GeoPoint | null =>
  points.length === 0
    ? null
    : {
        latitude: points.reduce((sum, p) => sum + p.latitude, 0) / points.length,
        longitude: points.reduce((sum, p) => sum + p.longitude, 0) / points.length,
      };

/**
 * Joins the official commune list with GeoNames on the INSEE code and fills the gaps. GeoNames'
 * cities500 only has places of 500 inhabitants or more, so about 15,000 of the 35,000 communes have
 * a place of their own; the others are located from their neighbours. In order (docs/architecture.md,
 * "Gazetteer"):
 *  1. `geonames`: the GeoNames place filed under the commune's INSEE code (admin4), preferring one
 *     with the commune's name; for an arrondissement, « Lyon 03 » filed under its parent's code. A
 *     place named after another current commune of the department is never used (GeoNames files
 *     Tassin-la-Demi-Lune under Lyon's code).
 *  2. `geonames-name`: the only GeoNames place of the department with the commune's name, if it lies
 *     within 15 km of where the next steps would put the commune (hamlets share village names).
 *  3. `parent`: a commune déléguée, associée or arrondissement takes the commune it belongs to.
 *  4. `postal-sibling`: the centroid of the communes located by 1–2 that share a postal code with it
 *     (only those of its intercommunality, when some are).
 *  5. `epci`: the centroid of the located communes of its intercommunality (EPCI).
 *  6. `prefecture`: the department's prefecture; the only step with `department` precision.
 */
export function locateCommunes(source: EtalabSource, places: readonly GeoNamesPlace[]): LocatedCommune[] {
  const epciOf = new Map<string, string>();
  for (const epci of source.epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code);
  const drafts = source.communes.map(
    (c): Draft => ({
      source: c,
      parentCode: c.commune ?? c.chefLieu ?? '',
      key: nameKey(c.nom),
      epci: epciOf.get(c.commune ?? c.chefLieu ?? c.code),
      postalCodes: c.codesPostaux ?? [],
      geo: null,
      geoSource: 'prefecture',
    }),
  );
  const current = new Map<string, Draft>();
  for (const d of drafts) if (d.source.type === 'commune-actuelle') current.set(d.source.code, d);
  for (const d of drafts) {
    if (d.postalCodes.length === 0) d.postalCodes = current.get(d.parentCode)?.postalCodes ?? [];
  }

  const byCode = new Map<string, GeoNamesPlace[]>();
  const byDepartmentName = new Map<string, GeoNamesPlace[]>();
  for (const p of places) {
    if (p.inseeCode) pushTo(byCode, p.inseeCode, p);
    pushTo(byDepartmentName, `${p.departmentCode}|${nameKey(p.name)}`, p);
  }
  // Only current communes: a place named after a commune déléguée does locate the commune it joined.
  const currentByDepartmentName = new Map<string, Set<string>>();
  for (const d of current.values()) {
    const k = `${d.source.departement}|${d.key}`;
    currentByDepartmentName.set(k, (currentByDepartmentName.get(k) ?? new Set<string>()).add(d.source.code));
  }
  const namesAnotherCommune = (p: GeoNamesPlace, code: string): boolean => {
    const codes = currentByDepartmentName.get(`${p.departmentCode}|${nameKey(p.name)}`);
    return codes !== undefined && !codes.has(code);
  };

  for (const d of drafts) {
    const place = ownPlace(d, byCode, namesAnotherCommune);
    if (place) {
      d.geo = place;
      d.geoSource = 'geonames';
    }
  }

  const neighbours = new Neighbours(current);
  for (const d of drafts) {
    if (d.geo !== null || d.source.type === 'arrondissement-municipal') continue;
    const homonyms = byDepartmentName.get(`${d.source.departement}|${d.key}`) ?? [];
    const place = homonyms.length === 1 ? homonyms[0]! : null;
    if (place === null || namesAnotherCommune(place, d.source.code)) continue;
    const expected = neighbours.estimate(d)?.geo ?? null;
    const plausible = expected ? distanceKm(place, expected) <= NAME_MATCH_MAX_KM : place.inseeCode === '';
    if (plausible) {
      d.geo = place;
      d.geoSource = 'geonames-name';
    }
  }

  const located = new Neighbours(current);
  const prefectures = new Map(
    source.departments.map((dep) => [dep.code, current.get(dep.chefLieu)?.geo ?? null]),
  );
  return drafts.map((d): LocatedCommune => {
    const found = d.geo ? { geo: d.geo, source: d.geoSource } : located.estimate(d);
    const prefecture = prefectures.get(d.source.departement);
    const geo = found?.geo ?? prefecture;
    if (!geo) throw new Error(`gazetteer: no coordinates at all for commune ${d.source.code}`);
    return {
      source: d.source,
      parentCode: d.parentCode,
      postalCodes: d.postalCodes,
      geo: { latitude: geo.latitude, longitude: geo.longitude },
      geoSource: found?.source ?? 'prefecture',
    };
  });
}

function ownPlace(
  d: Draft,
  byCode: ReadonlyMap<string, GeoNamesPlace[]>,
  namesAnotherCommune: (p: GeoNamesPlace, code: string) => boolean,
): GeoNamesPlace | null {
  const { code, type } = d.source;
  let candidates: GeoNamesPlace[];
  if (type === 'arrondissement-municipal') {
    const own = arrondissementKey(d.key);
    candidates =
      own === null
        ? []
        : (byCode.get(d.parentCode) ?? []).filter((p) => arrondissementKey(nameKey(p.name)) === own);
  } else {
    candidates = (byCode.get(code) ?? []).filter((p) => !namesAnotherCommune(p, code));
    const named = candidates.filter((p) => nameKey(p.name) === d.key);
    // A commune déléguée sharing the new commune's code only takes a place with its own name.
    candidates = named.length > 0 || type !== 'commune-actuelle' ? named : candidates;
  }
  candidates.sort(
    (a, b) => featureRank(a.featureCode) - featureRank(b.featureCode) || b.population - a.population,
  );
  return candidates[0] ?? null;
}

/** Where the communes already located put a commune that has no place of its own (steps 3–5). */
class Neighbours {
  private readonly byPostalCode = new Map<string, Draft[]>();
  private readonly byEpci = new Map<string, Draft[]>();

  constructor(private readonly current: ReadonlyMap<string, Draft>) {
    for (const d of current.values()) {
      if (d.geo === null) continue;
      for (const pc of d.postalCodes) pushTo(this.byPostalCode, pc, d);
      if (d.epci) pushTo(this.byEpci, d.epci, d);
    }
  }

  estimate(d: Draft): { geo: GeoPoint; source: CommuneGeoSource } | null {
    const parent = this.current.get(d.parentCode);
    if (parent?.geo && parent !== d) return { geo: parent.geo, source: 'parent' };
    const code = d.source.type === 'commune-actuelle' ? d.source.code : d.parentCode;
    const siblings = new Set<Draft>();
    for (const pc of d.postalCodes) for (const s of this.byPostalCode.get(pc) ?? []) siblings.add(s);
    const self = this.current.get(code);
    if (self) siblings.delete(self);
    const all = [...siblings];
    const sameEpci = all.filter((s) => d.epci !== undefined && s.epci === d.epci);
    const postal = centroid((sameEpci.length > 0 ? sameEpci : all).map((s) => s.geo!));
    if (postal) return { geo: postal, source: 'postal-sibling' };
    const members = (d.epci ? (this.byEpci.get(d.epci) ?? []) : []).filter((m) => m.source.code !== code);
    const epci = centroid(members.map((m) => m.geo!));
    return epci ? { geo: epci, source: 'epci' } : null;
  }
}
