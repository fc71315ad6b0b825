import type { CvProfile, CvViewedV1 } from '@vigie/contracts';

/** Port: the anonymised profile a recruiter may open (searchable CVs only). */
export abstract class RecruiterCvReader {
  /** The profile if the CV exists and is searchable; undefined otherwise (404 either way). */
  abstract searchableProfile(cvId: string): Promise<CvProfile | undefined>;
}

/** Port: announces views (cvs.cv.viewed.v1); resolves once the bus has acknowledged them. */
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
  abstract record(views: readonly CvViewedV1[]): Promise<number>;
  /** The candidate's page of their CV's views; undefined when the CV is not theirs. */
  abstract pageFor(candidateId: string, cvId: string, limit: number): Promise<CvViewsPage | undefined>;
}
