import type { CvProfile, CvView, CvViewedV1 } from '@vigie/contracts';
import type { RevealedContact } from '../contact/contact-request.port';

/** What a recruiter sees of a CV: the anonymised profile, and the contact the candidate gave them. */
export interface OpenableCv {
  profile: CvProfile;
  /** Only once the candidate accepted this recruiter's contact request; null otherwise. */
  contact: RevealedContact | null;
}

/** A searchable CV with the details given on each of its accepted contact requests, by recruiter. */
export interface CvRecord {
  profile: CvProfile;
  contacts: ReadonlyMap<string, RevealedContact>;
}

/** Where the cached reader reads a CV it does not hold (undefined: not searchable, or unknown). */
export interface CvRecordSource {
  record(cvId: string): Promise<CvRecord | undefined>;
}

/** Port: the CV a recruiter may open (searchable CVs only). */
export abstract class RecruiterCvReader {
  /** The CV if it exists and is searchable; undefined otherwise (404 either way). */
  abstract openable(cvId: string, recruiterId: string): Promise<OpenableCv | undefined>;
}

/** Port: announces views (cvs.cv.viewed.v1, the viewer sealed); resolves once the bus has acknowledged them. */
export abstract class CvViewPublisher {
  abstract publish(view: CvViewedV1): Promise<void>;
}

export interface CvViewsPage {
  cvId: string;
  /** Views per day (Europe/Paris), newest first. */
  days: Array<{ day: string; views: number }>;
  /** Who opened the CV and when, newest first. */
  viewers: Array<{ company: string; viewedAt: string }>;
}

/** Port: the exact view counters, fed by the view consumer (idempotent by view id). */
export abstract class CvViewLedger {
  /** Records the views not recorded yet; returns how many were new (the rest were replays). */
  abstract record(views: readonly CvView[]): Promise<number>;
  /** The candidate's page of their CV's views; undefined when the CV is not theirs. */
  abstract pageFor(candidateId: string, cvId: string, limit: number): Promise<CvViewsPage | undefined>;
}
