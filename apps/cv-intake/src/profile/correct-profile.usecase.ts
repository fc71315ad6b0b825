import type { CvProfile } from '@vigie/contracts';
import { Clock } from '@vigie/kernel';
import { CommuneDirectory } from '../cv-search/commune-directory.port';
import { CvError } from '../cvs/cv-errors';
import type { ParsingDecision } from '../parsing/build-profile';
import { maskPersonalData } from '../parsing/mask-personal-data';
import { CvProfileStore, ProfileChange } from './cv-profile.port';
import type { ProfileCorrection } from './profile-correction';

export interface CorrectedProfile extends ProfileChange {
  profile: CvProfile;
}

const uniq = (xs: string[]) => [...new Map(xs.map((x) => [x.toLowerCase(), x])).values()];

/**
 * The candidate corrects the parsed profile: their version replaces it for search and for every
 * later parse. What recruiters read is still masked (a phone typed into the summary is hidden as
 * in a parsed CV), and the decision log says so.
 */
export class CorrectProfileUseCase {
  constructor(
    private readonly store: CvProfileStore,
    private readonly communes: CommuneDirectory,
    private readonly clock: Clock,
  ) {}

  async execute(candidateId: string, cvId: string, input: ProfileCorrection): Promise<CorrectedProfile> {
    const commune = input.communeCode === null ? null : this.communes.commune(input.communeCode);
    if (input.communeCode !== null && !commune) {
      throw new CvError('CV_PROFILE_UNKNOWN_COMMUNE', `no commune has the INSEE code ${input.communeCode}`, [
        { field: 'communeCode', reason: 'unknown commune' },
      ]);
    }
    const profile: CvProfile = {
      title: input.title === null ? null : maskPersonalData(input.title),
      pastTitles: uniq(input.pastTitles.map((t) => maskPersonalData(t))),
      skills: uniq(input.skills),
      experienceYears: input.experienceYears,
      education: input.education.map((e) => ({ degree: e.degree, field: e.field })),
      languages: [...new Map(input.languages.map((l) => [l.code, l])).values()],
      commune: commune && {
        code: commune.code,
        name: commune.name,
        departmentCode: commune.departmentCode,
        regionCode: commune.regionCode,
      },
      geo: commune && commune.geo,
      contractTypes: [...new Set(input.contractTypes)],
      summary: input.summary ? maskPersonalData(input.summary) : null,
    };
    const decisions: ParsingDecision[] = [
      { step: 'correct', field: 'profile', action: 'the candidate’s version replaces the parsed profile' },
      {
        step: 'anonymise',
        field: 'summary',
        action:
          'the candidate’s title and summary masked (e-mails, phones, links, addresses, birth dates, ages)',
      },
    ];
    const change = await this.store.saveCorrection(candidateId, cvId, profile, decisions, this.clock.now());
    if (!change) throw new CvError('CV_NOT_FOUND', 'CV not found');
    return { ...change, profile };
  }
}

/** The candidate shows or hides their CV in recruiters' search. */
export class SetCvVisibilityUseCase {
  constructor(
    private readonly store: CvProfileStore,
    private readonly clock: Clock,
  ) {}

  async execute(candidateId: string, cvId: string, searchable: boolean): Promise<ProfileChange> {
    const change = await this.store.setSearchable(candidateId, cvId, searchable, this.clock.now());
    if (!change) throw new CvError('CV_NOT_FOUND', 'CV profile not found');
    return change;
  }
}
