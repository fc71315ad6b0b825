import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * A candidate's weekly "your CV was viewed by N recruiters" e-mail, sent by alert-delivery. No
 * address here (it was never produced with one): the sender resolves it from
 * `candidates.notification-address.changed.v1`.
 */
export const CvViewSummaryCreatedV1Schema = z.object({
  /** Deterministic per (candidate, week), a UUID: the delivery ledger sends it once. */
  summaryId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  /** Monday of the week, Europe/Paris (YYYY-MM-DD). */
  weekStart: z.iso.date(),
  recruiterCount: z.number().int().min(1),
  viewCount: z.number().int().min(1),
  /** Companies whose recruiters opened the CV this week (the page lists them with dates). */
  companies: z.array(z.string().min(1).max(300)).max(50),
  createdAt: z.iso.datetime({ offset: true }),
});

export type CvViewSummaryCreatedV1 = z.infer<typeof CvViewSummaryCreatedV1Schema>;

export const cvViewSummaryCreatedV1 = defineEvent({
  topic: TOPICS.cvViewSummaryCreated,
  type: 'cvs.view-summary.created',
  schemaVersion: 1,
  value: CvViewSummaryCreatedV1Schema,
  keyOf: (v) => v.candidateId,
  retentionMs: 7 * 24 * 3_600_000,
});
