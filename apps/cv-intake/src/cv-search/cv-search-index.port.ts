import type { CommuneRef, ContractType, CvProfile, GeoPoint } from '@vigie/contracts';

/** A recruiter's search, validated: every criterion optional, at least one given. */
export interface CvSearchQuery {
  /** Each skill must be on the CV (analysed with the French chain). */
  skills: string[];
  /** Words of the current or a past title. */
  title?: string;
  near?: { geo: GeoPoint; radiusKm: number };
  /** Any of these contract wishes. */
  contractTypes: ContractType[];
  minExperienceYears?: number;
  from: number;
  size: number;
}

/** What a recruiter sees of a CV in results: the anonymised profile, never the candidate. */
export interface CvSearchHit {
  cvId: string;
  title: string | null;
  pastTitles: string[];
  skills: string[];
  experienceYears: number | null;
  commune: CommuneRef | null;
  contractTypes: ContractType[];
  languages: CvProfile['languages'];
  education: CvProfile['education'];
}

export interface CvSearchResult {
  total: number;
  hits: CvSearchHit[];
}

/** Port: queries over the `cvs` index (live CVs only). */
export abstract class CvSearchIndex {
  abstract search(query: CvSearchQuery): Promise<CvSearchResult>;
}
