import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommuneKind } from '../gazetteer.types';

/** The fields of @etalab/decoupage-administratif's data/communes.json that the gazetteer reads. */
export interface EtalabCommune {
  code: string;
  nom: string;
  type: CommuneKind;
  departement: string;
  region: string;
  zone: string;
  codesPostaux?: string[];
  population?: number;
  /** Parent of an arrondissement municipal. */
  commune?: string;
  /** Parent of a commune déléguée or associée. */
  chefLieu?: string;
}

/** A region or a department (data/regions.json, data/departements.json). */
export interface EtalabArea {
  code: string;
  nom: string;
  chefLieu: string;
  region?: string;
  zone: string;
}

/** An intercommunality (data/epci.json): the only grouping of neighbouring communes in the package. */
export interface EtalabEpci {
  code: string;
  membres: { code: string }[];
}

export interface EtalabSource {
  readonly regions: EtalabArea[];
  readonly departments: EtalabArea[];
  readonly communes: EtalabCommune[];
  readonly epcis: EtalabEpci[];
}

/**
 * The scope of the contracts' INSEE codes: metropolitan France and the five overseas departments.
 * The overseas collectivities (975, 977, 978, 98x) have no INSEE region and are left out.
 */
const inScope = (row: { zone: string }): boolean => row.zone !== 'com';

export function readEtalabSource(packageDir: string): EtalabSource {
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(packageDir, 'data', file), 'utf8')) as T;
  return {
    regions: read<EtalabArea[]>('regions.json').filter(inScope),
    departments: read<EtalabArea[]>('departements.json').filter(inScope),
    communes: read<EtalabCommune[]>('communes.json').filter(inScope),
    epcis: read<EtalabEpci[]>('epci.json'),
  };
}
