/**
 * How long a candidate's CVs are kept (french-job-ad-rules.md C4, the CNIL's recommendation for a
 * pool of candidates): two years after their last activity, and never erased less than a month
 * after they were warned, so a warning sent late (the job was down, or ran for the first time on
 * an old base) still leaves the candidate a month to extend.
 */
export const KEEP_YEARS = 2;
export const WARN_DAYS_BEFORE = 30;
const DAY_MS = 86_400_000;

function addYears(at: Date, years: number): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** The end of the retention of a candidate last active at `lastActiveAt`. */
export function retentionEnd(lastActiveAt: Date): Date {
  return addYears(lastActiveAt, KEEP_YEARS);
}

/** Candidates last active at or before this instant are due for their warning at `now`. */
export function warnIfLastActiveBefore(now: Date): Date {
  return addYears(new Date(now.getTime() + WARN_DAYS_BEFORE * DAY_MS), -KEEP_YEARS);
}

/** When the CVs of a candidate warned at `warnedAt` are erased. */
export function erasesAt(lastActiveAt: Date, warnedAt: Date): Date {
  const end = retentionEnd(lastActiveAt);
  const notice = new Date(warnedAt.getTime() + WARN_DAYS_BEFORE * DAY_MS);
  return end > notice ? end : notice;
}
