import type { ContractType, WorkingTime } from '@vigie/contracts';
import { foldWording } from './fold';

/**
 * Source contract wordings to the canonical vocabulary (ContractType). Codes of France Travail
 * (CDI, CDD, MIS, SAI, LIB, FRA, DDI, DIN, TTI), schema.org employmentType values, Indeed's jobtype
 * and the French words recruiters write. Unknown wordings map to nothing: the offer is then
 * rejected by the schema naming `contractType`, never filed under a guessed contract.
 */
const CONTRACTS: ReadonlyArray<readonly [RegExp, ContractType]> = [
  [/^(cdi|din|permanent|contrat a duree indeterminee|cdi interimaire|cdi de chantier)$/, 'cdi'],
  [/^(cdd|ddi|temporary|fixed[ -]term|contrat a duree determinee|cdd d'insertion)$/, 'cdd'],
  [/^(mis|tti|interim|mission d'interim|mission interim|travail temporaire|temp)$/, 'interim'],
  [/^(sai|saisonnier|saisonniere|seasonal|contrat saisonnier|emploi saisonnier)$/, 'seasonal'],
  [
    /^(lib|fra|freelance|independant|independante|contractor|profession liberale|franchise|auto[- ]entrepreneur)$/,
    'freelance',
  ],
  [/^(stage|stagiaire|intern|internship|stage conventionne)$/, 'internship'],
  // « Alternance » alone is most often an apprenticeship (about 6 in 7 work-study contracts).
  [
    /^(apprentissage|apprenti|apprentie|apprenticeship|alternance|contrat d'apprentissage|contrat apprentissage)$/,
    'apprenticeship',
  ],
  [
    /^(professionnalisation|contrat de professionnalisation|cont\. professionnalisation|contrat pro)$/,
    'professionalisation',
  ],
];

const WORKING_TIMES: ReadonlyArray<readonly [RegExp, WorkingTime]> = [
  [/^(full[ _-]?time|temps plein|temps complet|plein temps)$/, 'full_time'],
  [/^(part[ _-]?time|temps partiel|mi-temps|mi temps)$/, 'part_time'],
];

export function contractTypeOf(source: string | undefined | null): ContractType | undefined {
  if (!source) return undefined;
  const folded = foldWording(source);
  return CONTRACTS.find(([pattern]) => pattern.test(folded))?.[1];
}

export function workingTimeOf(source: string | undefined | null): WorkingTime | undefined {
  if (!source) return undefined;
  const folded = foldWording(source);
  return WORKING_TIMES.find(([pattern]) => pattern.test(folded))?.[1];
}

/**
 * A list of job types (« fulltime, parttime », « CDI / temps plein », schema.org arrays): the first
 * contract and the working time when exactly one is named (both named says nothing).
 */
export function jobTypesOf(values: ReadonlyArray<string>): {
  contractType?: ContractType;
  workingTime?: WorkingTime;
} {
  const tokens = values
    .flatMap((v) => v.split(/[,;/|]/))
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const contractType = tokens.map(contractTypeOf).find((c) => c !== undefined);
  const times = new Set(tokens.map(workingTimeOf).filter((w) => w !== undefined));
  const workingTime = times.size === 1 ? [...times][0] : undefined;
  return { ...(contractType && { contractType }), ...(workingTime && { workingTime }) };
}
