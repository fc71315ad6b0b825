import type { Gazetteer } from '../gazetteer';
import { parsePlaceLabel } from '../parse-place-label';
import type { PlaceResolution, PlaceResolutionMethod } from '../resolve-place';

/** France Travail's `lieuTravail` object (Offres d'emploi v2). */
export interface FranceTravailPlace {
  readonly libelle?: string;
  readonly commune?: string;
  readonly codePostal?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

export interface UnresolvedLabel {
  readonly label: string;
  readonly offers: number;
  readonly warnings: readonly string[];
}

/** Figures over a set of offers (npm run measure:gazetteer; docs/architecture.md, "Gazetteer"). */
export interface PlaceResolutionMeasure {
  readonly offers: number;
  /** Offers whose place gives a commune code or a postal code: the target's denominator. */
  readonly named: number;
  /** Of those, resolved to a commune with coordinates. */
  readonly namedResolved: number;
  /** namedResolved / named (target ≥ 0.98). */
  readonly namedShare: number;
  /** Offers resolved to a commune whose coordinates are only the department's prefecture. */
  readonly departmentPrecision: number;
  /** Offers whose place is only a department, a region or « France » (no commune to find). */
  readonly areaOnly: number;
  readonly feedKept: number;
  readonly swappedFixed: number;
  readonly feedRejected: number;
  /** Named offers resolved again from their label alone, and how many found the same commune. */
  readonly labelOnlyChecked: number;
  readonly labelOnlyAgreed: number;
  readonly byMethod: Readonly<Partial<Record<PlaceResolutionMethod, number>>>;
  /** Distinct labels of named offers left without a commune, most frequent first. */
  readonly unresolved: readonly UnresolvedLabel[];
  /** Labels whose label-only resolution disagreed with the commune code, most frequent first. */
  readonly labelOnlyMismatches: readonly UnresolvedLabel[];
}

/** Resolves every offer's place as ingestion would, and counts what happened. */
export function measurePlaceResolution(
  gazetteer: Gazetteer,
  places: Iterable<FranceTravailPlace>,
): PlaceResolutionMeasure {
  let offers = 0;
  let named = 0;
  let namedResolved = 0;
  let departmentPrecision = 0;
  let areaOnly = 0;
  let labelOnlyChecked = 0;
  let labelOnlyAgreed = 0;
  const feed = { kept: 0, swapped: 0, rejected: 0, absent: 0 };
  const byMethod: Partial<Record<PlaceResolutionMethod, number>> = {};
  const unresolved = new Map<string, { offers: number; warnings: readonly string[] }>();
  const mismatches = new Map<string, { offers: number; warnings: readonly string[] }>();
  const count = (map: typeof unresolved, label: string, warnings: readonly string[]): void => {
    const seen = map.get(label);
    map.set(label, { offers: (seen?.offers ?? 0) + 1, warnings: seen?.warnings ?? warnings });
  };

  for (const place of places) {
    offers++;
    const result = gazetteer.resolvePlace({
      communeCode: place.commune,
      postalCode: place.codePostal,
      label: place.libelle,
      latitude: place.latitude,
      longitude: place.longitude,
    });
    byMethod[result.method] = (byMethod[result.method] ?? 0) + 1;
    feed[result.feedCoordinates]++;
    if (result.commune?.geoPrecision === 'department' && result.geoPrecision !== 'feed')
      departmentPrecision++;
    const label = place.libelle ?? '';
    if (!place.commune && !place.codePostal) {
      if (!result.commune) areaOnly++;
      continue;
    }
    named++;
    if (result.commune && result.geo) namedResolved++;
    else count(unresolved, label, result.warnings);
    if (result.commune && label !== '') {
      const fromLabel = gazetteer.resolvePlace({ label });
      if (parsePlaceLabel(label).names.length === 0) continue; // « 75 »: no name to compare
      labelOnlyChecked++;
      if (sameCommune(result, fromLabel)) labelOnlyAgreed++;
      else
        count(
          mismatches,
          `${label} (code ${place.commune ?? '-'}, label gave ${fromLabel.commune?.code ?? 'nothing'})`,
          fromLabel.warnings,
        );
    }
  }
  const sorted = (map: typeof unresolved): UnresolvedLabel[] =>
    [...map]
      .map(([label, v]) => ({ label, ...v }))
      .sort((a, b) => b.offers - a.offers || a.label.localeCompare(b.label));
  return {
    offers,
    named,
    namedResolved,
    namedShare: named === 0 ? 0 : namedResolved / named,
    departmentPrecision,
    areaOnly,
    feedKept: feed.kept,
    swappedFixed: feed.swapped,
    feedRejected: feed.rejected,
    labelOnlyChecked,
    labelOnlyAgreed,
    byMethod,
    unresolved: sorted(unresolved),
    labelOnlyMismatches: sorted(mismatches),
  };
}

/** The same commune, or a commune and one of its arrondissements (« 75 - PARIS » vs 75115). */
function sameCommune(a: PlaceResolution, b: PlaceResolution): boolean {
  if (!a.commune || !b.commune) return false;
  const root = (r: PlaceResolution): string => r.commune!.parentCode ?? r.commune!.code;
  return a.commune.code === b.commune.code || root(a) === root(b);
}
