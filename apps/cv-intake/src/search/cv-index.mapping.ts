import type { Types } from '@opensearch-project/opensearch';
import { FOLDED_TEXT_FIELD, FRENCH_TEXT_FIELD, frenchIndexSettings } from '@vigie/analysis';

type IndexSettings = Types.Indices_Common.IndexSettings;
type TypeMapping = Types.Common_Mapping.TypeMapping;

/** The platform's one French chain (@vigie/analysis), as for offers: titles and skills match alike. */
export const CV_INDEX_SETTINGS = (replicas: number): IndexSettings =>
  frenchIndexSettings(replicas) as unknown as IndexSettings;

const frenchText = FRENCH_TEXT_FIELD;
const foldedText = FOLDED_TEXT_FIELD;
const keyword = { type: 'keyword' } as const;

/**
 * The anonymised CV profile (cvs.profile.changed.v1) and nothing else. Strict, so a field the
 * mapping does not list — a name, an e-mail, a birth date slipped in by a bug — is refused by the
 * engine instead of being indexed: there is no field for a name, photo, birth date or age, gender,
 * nationality, family situation, address beyond the commune, e-mail, phone, nor the candidate id.
 */
export const CV_INDEX_MAPPINGS: TypeMapping = {
  dynamic: 'strict',
  properties: {
    cvId: keyword,
    version: { type: 'long' },
    /** `live` is searchable; `gone` is a hidden CV kept as its version only (see the indexer). */
    state: keyword,
    title: foldedText,
    pastTitles: foldedText,
    skills: foldedText,
    experienceYears: { type: 'float' },
    education: { properties: { degree: foldedText, field: foldedText } },
    languages: { properties: { code: keyword, level: keyword } },
    commune: {
      properties: { code: keyword, name: foldedText, departmentCode: keyword, regionCode: keyword },
    },
    geo: { type: 'geo_point' },
    contractTypes: keyword,
    summary: frenchText,
    indexedAt: { type: 'date' },
  },
};

/** Bump on an incompatible mapping change: a new index is built and the alias moved to it. */
export const CV_INDEX_GENERATION = 1;

export const CV_STATES = { live: 'live', gone: 'gone' } as const;

export interface CvIndexNames {
  alias: string;
  index: string;
}

export function cvIndexNames(prefix: string): CvIndexNames {
  return { alias: `${prefix}cvs`, index: `${prefix}cvs-v${CV_INDEX_GENERATION}` };
}
