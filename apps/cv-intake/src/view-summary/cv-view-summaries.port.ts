import type { ParisWeek } from './paris-week';

/** One candidate's views of one week, as the e-mail tells them. */
export interface ViewSummary {
  candidateId: string;
  weekStart: string;
  views: number;
  recruiters: number;
  companies: string[];
}

/** Port: the weekly summaries of CV views (computed once per week, announced once per candidate). */
export abstract class CvViewSummaries {
  /**
   * Computes the summaries of every candidate whose CVs were viewed that week, once: null when
   * the week was computed already (by this or another replica), else how many candidates.
   */
  abstract computeWeek(week: ParisWeek, at: Date): Promise<number | null>;
  /** Summaries not announced yet, oldest week first. */
  abstract unannounced(limit: number): Promise<ViewSummary[]>;
  /** Marks them announced and appends their events, in one transaction (each once). */
  abstract announce(summaries: readonly ViewSummary[], at: Date): Promise<number>;
  /** Forgets the summaries and weeks before `weekStart` (their e-mails are long sent). */
  abstract forgetBefore(weekStart: string): Promise<void>;
}
