import type { GeoPoint } from '@vigie/contracts';

export type { GeoPoint };

/** The INSEE kinds of commune, as `@etalab/decoupage-administratif` names them. */
export type CommuneKind =
  | 'commune-actuelle'
  | 'commune-deleguee'
  | 'commune-associee'
  | 'arrondissement-municipal';

/**
 * How far a commune's coordinates can be trusted: `commune` when they locate the commune itself (or,
 * for a part of a commune, the commune it belongs to), `department` when only the department's
 * prefecture was available.
 */
export type CommuneGeoPrecision = 'commune' | 'department';

/**
 * Where a commune's coordinates come from, in the order the join tries them (build/locate-communes.ts,
 * docs/architecture.md "Gazetteer"): its own GeoNames place (by INSEE code, or by name in the
 * department), the commune it belongs to, the communes sharing its postal code, those of its
 * intercommunality, or the department's prefecture.
 */
export type CommuneGeoSource =
  | 'geonames'
  | 'geonames-name'
  | 'parent'
  | 'postal-sibling'
  | 'epci'
  | 'prefecture';

export interface Commune {
  /** INSEE code. Shared by a commune déléguée and the new commune it was merged into, in 584 cases. */
  readonly code: string;
  readonly name: string;
  /** La Poste codes; a commune déléguée or associée inherits those of the commune it belongs to. */
  readonly postalCodes: readonly string[];
  readonly departmentCode: string;
  readonly regionCode: string;
  /** Legal population (0 for communes déléguées and associées, which INSEE does not count apart). */
  readonly population: number;
  readonly kind: CommuneKind;
  /** The commune-actuelle a commune déléguée, associée or arrondissement belongs to. */
  readonly parentCode: string | null;
  readonly geo: GeoPoint;
  readonly geoPrecision: CommuneGeoPrecision;
  readonly geoSource: CommuneGeoSource;
}

export interface Department {
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  /** INSEE code of the prefecture (chef-lieu). */
  readonly prefectureCode: string;
}

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly departmentCodes: readonly string[];
  /** INSEE code of the regional capital (chef-lieu). */
  readonly capitalCode: string;
}
