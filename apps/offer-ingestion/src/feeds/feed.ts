export const FEED_FORMATS = ['auto', 'indeed-xml', 'jsonld', 'jsonl', 'csv', 'france-travail'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];
export type FeedMode = 'snapshot' | 'delta';

/** Schedules are bounded: no tighter than every 15 minutes (courtesy to the ATS), no looser than weekly. */
export const MIN_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 7 * 24 * 60;

export interface Feed {
  id: string;
  recruiterId: string;
  url: string;
  format: FeedFormat;
  mode: FeedMode;
  intervalMinutes: number;
  nextFetchAt: Date;
  etag: string | null;
  lastModified: string | null;
  createdAt: Date;
}

export type FeedFetchStatus = 'imported' | 'not-modified' | 'failed';

export interface FeedFetchRecord {
  startedAt: Date;
  finishedAt: Date;
  status: FeedFetchStatus;
  finalUrl: string | null;
  importId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}
