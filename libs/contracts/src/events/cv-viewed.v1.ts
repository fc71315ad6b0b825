import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * A recruiter opened a CV. `viewId` is the idempotency key: a replayed or duplicated message
 * carries the same one and is counted once.
 */
export const CvViewedV1Schema = z.object({
  viewId: z.uuid(),
  cvId: z.uuid(),
  recruiterId: z.uuid(),
  /** The recruiter's company, shown to the candidate on their views page. */
  company: z.string().min(1).max(300),
  viewedAt: z.iso.datetime({ offset: true }),
});

export type CvViewedV1 = z.infer<typeof CvViewedV1Schema>;

export const cvViewedV1 = defineEvent({
  topic: TOPICS.cvViewed,
  type: 'cvs.cv.viewed',
  schemaVersion: 1,
  value: CvViewedV1Schema,
  keyOf: (v) => v.cvId,
  // Counted within seconds; a week covers any consumer outage worth replaying.
  retentionMs: 7 * 24 * 3_600_000,
});
