import type { Gazetteer } from './gazetteer';
import type { Commune, Department, GeoPoint, Region } from './gazetteer.types';
import { nameKey } from './place-name';
import {
  cleanPostalCode,
  departmentOfPostalCode,
  type ParsedLabel,
  parsePlaceLabel,
} from './parse-place-label';
import { choosePlaceGeo, type FeedCoordinates, readFeedPoint } from './place-geo';

/** France Travail cuts commune names near 30 characters (« POISEUL LA VILLE ET LAPERRIER »). */
const TRUNCATED_LABEL_LENGTH = 25;

/** A place as a feed gives it; every field optional (see resolvePlace for how each is used). */
export interface PlaceInput {
  /** INSEE commune code (France Travail `lieuTravail.commune`). */
  readonly communeCode?: string | null;
  /** « 69003 », « 92042 CEDEX » (Indeed `postalcode`, schema.org `postalCode`). */
  readonly postalCode?: string | null;
  /** Free text: France Travail `libelle`, Indeed `city`, schema.org `addressLocality`. */
  readonly label?: string | null;
  /** A department code or name. */
  readonly departmentCode?: string | null;
  /** A region or department, name or code (schema.org `addressRegion`, Indeed `state`). */
  readonly region?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
}

export type PlaceResolutionMethod =
  /** The INSEE code was given and is known (refined to an arrondissement by postal code or name). */
  | 'commune-code'
  /** A name found among the communes of the postal code. */
  | 'postal-code+name'
  /** A name found in the department the label, a field or the postal code gives. */
  | 'name+department'
  /** A name alone: the only commune so named, or the most populous (with a warning). */
  | 'name'
  /** The postal code alone: its only commune, or its most populous (with a warning). */
  | 'postal-code'
  /** No place named below the department: the commune nearest to plausible feed coordinates. */
  | 'coordinates'
  | 'department'
  | 'region'
  | 'none';

export interface PlaceResolution {
  readonly commune: Commune | null;
  readonly departmentCode: string | null;
  readonly regionCode: string | null;
  /** The feed's postal code when it is one, else the commune's when it has only one. */
  readonly postalCode: string | null;
  readonly geo: GeoPoint | null;
  /** `feed`: the feed's own coordinates, checked; `commune` / `department`: the gazetteer's. */
  readonly geoPrecision: 'feed' | 'commune' | 'department' | null;
  readonly method: PlaceResolutionMethod;
  /** What became of the feed's coordinates. */
  readonly feedCoordinates: FeedCoordinates;
  /** Plain sentences for logs and data-quality reports; empty when everything agreed. */
  readonly warnings: readonly string[];
}

interface Hints {
  /** Departments the place must be in (label prefix, fields, qualifiers); empty when unconstrained. */
  readonly departments: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  /** The department the postal code's numbering points to: weaker, La Poste crosses borders. */
  readonly postalDepartment: string | null;
  /** A department or region hint that names nothing in the gazetteer: nothing may be guessed. */
  readonly outOfScope: boolean;
}

/**
 * The one place resolution every feed uses. In order:
 *  1. a known INSEE code wins; a parent commune (Paris, Lyon, Marseille) is refined to the
 *     arrondissement its postal code or label names;
 *  2. otherwise the label's name, disambiguating homonyms by postal code, then department (label
 *     prefix « 69 - », field, qualifier « Valence, Drôme », or the postal code's numbering), then
 *     population (with a warning);
 *  3. otherwise the postal code alone (CEDEX codes serve no commune: only their department counts);
 *  4. otherwise, when the place named is only a department, region or « France », the commune nearest
 *     to plausible feed coordinates (within 5 km of its centre and inside what was named);
 *  5. otherwise the department or region alone. Nothing is ever guessed: an unknown place resolves to
 *     nulls with a warning that says why.
 * Feed coordinates are then checked against the result (place-geo.ts): kept when plausible, fixed
 * when latitude and longitude are swapped, replaced by the gazetteer's otherwise.
 */
export function resolvePlace(gazetteer: Gazetteer, input: PlaceInput): PlaceResolution {
  const warnings: string[] = [];
  const label = parsePlaceLabel(input.label);
  const postalCode = readPostalCode(input, label, warnings);
  const hints = readHints(gazetteer, input, label, postalCode, warnings);
  const feed = readFeedPoint(input, warnings);

  let commune: Commune | null = null;
  let method: PlaceResolutionMethod = 'none';
  let area: Department | Region | null = null;
  let unknownName = false;
  if (input.communeCode) {
    commune = byCode(gazetteer, input.communeCode, postalCode, label, warnings);
    if (commune) method = 'commune-code';
    if (commune && hints.departments.size > 0 && !hints.departments.has(commune.departmentCode)) {
      warnings.push(
        `commune ${commune.code} is in department ${commune.departmentCode}, not ${[...hints.departments].join(', ')}`,
      );
    }
  }
  if (!commune && !hints.outOfScope && label.names.length > 0) {
    const found = byName(gazetteer, label, postalCode, hints, warnings);
    commune =
      found.commune && (arrondissementOf(gazetteer, found.commune, postalCode, label) ?? found.commune);
    area = found.area;
    unknownName = found.commune === null && found.area === null && !isCountry(label);
    if (commune) method = found.method;
  }
  if (!commune && !area && !hints.outOfScope && postalCode) {
    commune = byPostalCode(gazetteer, postalCode, warnings);
    if (commune) method = 'postal-code';
  }

  const department = commune
    ? gazetteer.department(commune.departmentCode)
    : area && isDepartment(area)
      ? area
      : fallbackDepartment(gazetteer, hints);
  if (!commune && department && !hints.outOfScope) {
    // Paris is both a department and a commune.
    commune = gazetteer.communeCoextensiveWith(department.code);
    if (commune) method = 'department';
  }
  const regionCode =
    commune?.regionCode ??
    department?.regionCode ??
    (area && !isDepartment(area) ? area.code : null) ??
    hintedRegion(gazetteer, hints);

  // Only when nothing below the department was named: an unknown name is not overridden by a guess.
  if (!commune && feed && !hints.outOfScope && !unknownName) {
    const near = byCoordinates(gazetteer, feed, department?.code ?? null, regionCode, hints);
    if (near) {
      commune = near;
      method = 'coordinates';
      warnings.push(`commune ${near.code} ${near.name} inferred from the feed coordinates`);
    }
  }
  if (!commune && method === 'none') method = department ? 'department' : regionCode ? 'region' : 'none';
  if (method === 'none' && !hints.outOfScope) {
    warnings.push(
      isCountry(label) ? 'the place is only « France »' : `no French place recognised in ${describe(input)}`,
    );
  }

  const chosen = choosePlaceGeo(gazetteer, feed, {
    commune,
    departmentCode: commune?.departmentCode ?? department?.code ?? null,
    regionCode: commune ? commune.regionCode : regionCode,
  });
  warnings.push(...chosen.warnings);
  return {
    commune,
    departmentCode: commune?.departmentCode ?? department?.code ?? null,
    regionCode: commune?.regionCode ?? regionCode,
    postalCode: postalCode ?? (commune?.postalCodes.length === 1 ? commune.postalCodes[0]! : null),
    geo: chosen.geo,
    geoPrecision: chosen.precision,
    method,
    feedCoordinates: chosen.feedCoordinates,
    warnings,
  };
}

function readPostalCode(input: PlaceInput, label: ParsedLabel, warnings: string[]): string | null {
  const given = input.postalCode?.trim();
  if (!given) return label.postalCode;
  const clean = cleanPostalCode(given);
  if (!clean) warnings.push(`postal code "${given}" is not a French postal code; ignored`);
  return clean ?? label.postalCode;
}

function readHints(
  gazetteer: Gazetteer,
  input: PlaceInput,
  label: ParsedLabel,
  postalCode: string | null,
  warnings: string[],
): Hints {
  const departments = new Set<string>();
  const regions = new Set<string>();
  let outOfScope = false;
  const strong: [string, string][] = [];
  if (label.departmentCode) strong.push(['label department', label.departmentCode]);
  if (input.departmentCode?.trim()) strong.push(['department', input.departmentCode.trim()]);
  if (input.region?.trim()) strong.push(['region', input.region.trim()]);
  for (const [what, text] of strong) {
    if (text === '20') {
      // Corsica's department code before 1976, still in postal codes and some feeds.
      departments.add('2A').add('2B');
      continue;
    }
    const area = gazetteer.area(text);
    if (area && isDepartment(area)) departments.add(area.code);
    else if (area) regions.add(area.code);
    else {
      outOfScope = true;
      warnings.push(
        `${what} "${text}" is not a department or region of the gazetteer (overseas collectivity, abroad or unknown)`,
      );
    }
  }
  for (const qualifier of label.qualifiers) {
    const area = gazetteer.area(qualifier);
    if (area && isDepartment(area)) departments.add(area.code);
    else if (area) regions.add(area.code);
  }
  const corsica = departments.size === 2 && departments.has('2A') && departments.has('2B');
  if (departments.size > 1 && !corsica) {
    warnings.push(`the place names several departments: ${[...departments].join(', ')}`);
  }
  const postalDepartment = postalCode ? departmentOfPostalCode(postalCode) : null;
  return { departments, regions, postalDepartment, outOfScope };
}

function byCode(
  gazetteer: Gazetteer,
  code: string,
  postalCode: string | null,
  label: ParsedLabel,
  warnings: string[],
): Commune | null {
  const commune = gazetteer.commune(code);
  if (!commune) {
    warnings.push(`commune code "${code}" is not in the gazetteer; resolved from the other fields`);
    return null;
  }
  const arrondissement = arrondissementOf(gazetteer, commune, postalCode, label);
  if (arrondissement) return arrondissement;
  if (
    postalCode &&
    !commune.postalCodes.includes(postalCode) &&
    gazetteer.communesWithPostalCode(postalCode).length > 0
  ) {
    warnings.push(`postal code ${postalCode} does not serve commune ${commune.code} ${commune.name}`);
  }
  return commune;
}

/** Paris, Lyon or Marseille narrowed to the arrondissement the label or the postal code names. */
function arrondissementOf(
  gazetteer: Gazetteer,
  commune: Commune,
  postalCode: string | null,
  label: ParsedLabel,
): Commune | null {
  const arrondissements = gazetteer
    .partsOf(commune.code)
    .filter((p) => p.kind === 'arrondissement-municipal');
  if (arrondissements.length === 0) return null;
  const named = new Set(label.names.flatMap((n) => gazetteer.communesNamed(n)));
  return (
    arrondissements.find((a) => named.has(a)) ??
    (postalCode ? only(arrondissements.filter((a) => a.postalCodes.includes(postalCode))) : null)
  );
}

function byName(
  gazetteer: Gazetteer,
  label: ParsedLabel,
  postalCode: string | null,
  hints: Hints,
  warnings: string[],
): { commune: Commune | null; area: Department | Region | null; method: PlaceResolutionMethod } {
  const prefixed = label.departmentCode ? gazetteer.department(label.departmentCode) : null;
  for (const name of label.names) {
    // « 69 - Rhône », « 75 - Paris (Dept.) »: the department itself.
    const area = gazetteer.area(name);
    if (prefixed && area === prefixed) return { commune: null, area, method: 'department' };
    if (label.department && area) return { commune: null, area, method: 'department' };

    const candidates = gazetteer.communesNamed(name);
    if (postalCode) {
      const served = candidates.filter((c) => c.postalCodes.includes(postalCode));
      if (served.length > 0)
        return { commune: pick(served, name, warnings), area: null, method: 'postal-code+name' };
    }
    const departments = departmentsHinted(gazetteer, hints);
    if (departments) {
      const inDepartment = candidates.filter((c) => departments.has(c.departmentCode));
      if (inDepartment.length > 0)
        return { commune: pick(inDepartment, name, warnings), area: null, method: 'name+department' };
      continue;
    }
    const inRegion =
      hints.regions.size > 0 ? candidates.filter((c) => hints.regions.has(c.regionCode)) : candidates;
    if (inRegion.length > 0) return { commune: pick(inRegion, name, warnings), area: null, method: 'name' };
    if (area) return { commune: null, area, method: isDepartment(area) ? 'department' : 'region' };
  }
  const near = nearMatch(gazetteer, label, hints, warnings);
  if (near) return near;
  if (!isCountry(label)) {
    const where = hints.departments.size > 0 ? ` in department ${[...hints.departments].join(', ')}` : '';
    warnings.push(`no commune named "${label.names[0]}"${where}`);
  }
  return { commune: null, area: null, method: 'none' };
}

/** The departments the place must lie in: the hints, else the one of the postal code's numbering. */
function departmentsHinted(gazetteer: Gazetteer, hints: Hints): ReadonlySet<string> | null {
  if (hints.departments.size > 0) return hints.departments;
  return hints.postalDepartment && gazetteer.department(hints.postalDepartment)
    ? new Set([hints.postalDepartment])
    : null;
}

/**
 * When no commune has the name: a GeoNames locality of that name (« 84 - MONTFAVET » lies in Avignon,
 * « 71 - LOUHANS » is Louhans-Châteaurenaud), then, inside a known department only, the one commune
 * whose name starts with it (« 95 - ERAGNY », labels cut near 30 characters). Each only when it gives
 * exactly one commune, and always with a warning.
 */
function nearMatch(
  gazetteer: Gazetteer,
  label: ParsedLabel,
  hints: Hints,
  warnings: string[],
): { commune: Commune; area: null; method: PlaceResolutionMethod } | null {
  const departments = departmentsHinted(gazetteer, hints);
  const inside = (c: Commune): boolean =>
    (departments === null || departments.has(c.departmentCode)) &&
    (hints.regions.size === 0 || hints.regions.has(c.regionCode)) &&
    (c.kind === 'commune-actuelle' || c.kind === 'arrondissement-municipal');
  const method: PlaceResolutionMethod = departments ? 'name+department' : 'name';
  for (const name of label.names) {
    const locality = only(gazetteer.communesAtLocality(name).filter(inside));
    if (locality) {
      warnings.push(`"${name}" is a place of commune ${locality.code} ${locality.name} (GeoNames)`);
      return { commune: locality, area: null, method };
    }
  }
  if (!departments) return null;
  for (const name of label.names) {
    const truncated = name.length >= TRUNCATED_LABEL_LENGTH;
    const started = only(gazetteer.communesNamedStartingWith(name, truncated).filter(inside));
    if (started) {
      warnings.push(
        `"${name}" read as ${started.code} ${started.name}, the only commune of the department so named`,
      );
      return { commune: started, area: null, method };
    }
  }
  return null;
}

function byPostalCode(gazetteer: Gazetteer, postalCode: string, warnings: string[]): Commune | null {
  const served = gazetteer.communesWithPostalCode(postalCode);
  // 75015 serves Paris and Paris 15e: the arrondissement is the more precise.
  const precise = served.filter((c) => !served.some((a) => a.parentCode === c.code));
  if (precise.length === 0) {
    warnings.push(`postal code ${postalCode} serves no commune (a CEDEX or retired code?)`);
    return null;
  }
  const chosen = [...precise].sort((a, b) => b.population - a.population)[0]!;
  if (precise.length > 1) {
    warnings.push(
      `postal code ${postalCode} serves ${precise.length} communes; chose the most populous, ${chosen.code} ${chosen.name}`,
    );
  }
  return chosen;
}

function byCoordinates(
  gazetteer: Gazetteer,
  feed: GeoPoint,
  departmentCode: string | null,
  regionCode: string | null,
  hints: Hints,
): Commune | null {
  const inside = (c: Commune): boolean =>
    (departmentCode === null || c.departmentCode === departmentCode) &&
    (regionCode === null || c.regionCode === regionCode) &&
    (hints.departments.size === 0 || hints.departments.has(c.departmentCode));
  const swapped = { latitude: feed.longitude, longitude: feed.latitude };
  return gazetteer.nearestCommune(feed, 5, inside) ?? gazetteer.nearestCommune(swapped, 5, inside);
}

/** The best of several communes a name matches: current communes first, then the most populous. */
function pick(candidates: readonly Commune[], name: string, warnings: string[]): Commune {
  const rank = (c: Commune): number =>
    c.kind === 'commune-actuelle' || c.kind === 'arrondissement-municipal' ? 0 : 1;
  const sorted = [...candidates].sort((a, b) => rank(a) - rank(b) || b.population - a.population);
  const chosen = sorted[0]!;
  const rivals = new Set(sorted.filter((c) => rank(c) === rank(chosen)).map((c) => c.code));
  if (rivals.size > 1) {
    warnings.push(
      `"${name}" matches ${rivals.size} communes; chose the most populous, ${chosen.code} (${chosen.departmentCode})`,
    );
  }
  return chosen;
}

/** The department hinted at, else the one the postal code's numbering gives (CEDEX codes included). */
function fallbackDepartment(gazetteer: Gazetteer, hints: Hints): Department | null {
  if (hints.departments.size === 1) return gazetteer.department([...hints.departments][0]!);
  if (hints.departments.size === 0 && hints.postalDepartment)
    return gazetteer.department(hints.postalDepartment);
  return null;
}

/** The region hinted at, or the one all hinted departments share (2A and 2B: Corse). */
function hintedRegion(gazetteer: Gazetteer, hints: Hints): string | null {
  if (hints.regions.size === 1) return [...hints.regions][0]!;
  const regions = new Set([...hints.departments].map((d) => gazetteer.department(d)?.regionCode));
  return hints.regions.size === 0 && regions.size === 1 ? ([...regions][0] ?? null) : null;
}

function isDepartment(area: Department | Region): area is Department {
  return 'prefectureCode' in area;
}

function only<T>(list: readonly T[]): T | null {
  return list.length === 1 ? list[0]! : null;
}

function isCountry(label: ParsedLabel): boolean {
  return label.names.some((n) => nameKey(n) === 'france');
}

function describe(input: PlaceInput): string {
  const parts = [input.label, input.postalCode, input.communeCode, input.departmentCode, input.region].filter(
    Boolean,
  );
  return parts.length > 0 ? parts.map((p) => `"${p}"`).join(', ') : 'an empty place';
}
