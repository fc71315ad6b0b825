import type { CvProfile } from '@vigie/contracts';
import type { ParsingDecision } from '../parsing/build-profile';

/** A profile as stored after a change by its candidate: its index version and whether it is searched. */
export interface ProfileChange {
  version: number;
  searchable: boolean;
}

/** Port: the candidate's changes to a CV's profile, each announced on cvs.profile.changed.v1 with it. */
export abstract class CvProfileStore {
  /**
   * Stores the candidate's version of the profile (it wins over the parsed one, now and after any
   * later parse) with its decision lines, bumps the version and announces it, in one transaction.
   * Undefined when the CV is not the candidate's (callers answer 404).
   */
  abstract saveCorrection(
    candidateId: string,
    cvId: string,
    profile: CvProfile,
    decisions: readonly ParsingDecision[],
    at: Date,
  ): Promise<ProfileChange | undefined>;

  /**
   * Shows or hides the CV in recruiters' search and announces it (`hidden` carries no profile).
   * Undefined when the CV is not the candidate's or has no profile yet.
   */
  abstract setSearchable(
    candidateId: string,
    cvId: string,
    searchable: boolean,
    at: Date,
  ): Promise<ProfileChange | undefined>;
}
