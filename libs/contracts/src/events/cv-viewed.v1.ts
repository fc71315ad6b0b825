import { z } from 'zod';
import { SealedEnvelopeSchema } from '../common/sealed';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/** Who opened a CV: personal data about the candidate (who looked at them), sealed on the topic. */
export const CvViewerSchema = z.strictObject({
  recruiterId: z.uuid(),
  /** The recruiter's company, shown to the candidate on their views page. */
  company: z.string().min(1).max(300),
});
export type CvViewer = z.infer<typeof CvViewerSchema>;

/**
 * A view in the clear: what the counters record. Records written before the viewer was sealed
 * (1.x) have this shape on the topic, and are still read.
 */
export const CvViewSchema = z.object({
  viewId: z.uuid(),
  cvId: z.uuid(),
  ...CvViewerSchema.shape,
  viewedAt: z.iso.datetime({ offset: true }),
});
export type CvView = z.infer<typeof CvViewSchema>;

/**
 * What producers write since crypto-shredding: the viewer (a `CvViewer` as JSON) sealed under the
 * CV's key, destroyed with the CV (erasure or retention); `cvId` stays clear as the key and the
 * counters' join, `viewId` and `viewedAt` say nothing about anyone.
 */
export const SealedCvViewSchema = z.object({
  viewId: z.uuid(),
  cvId: z.uuid(),
  viewer: SealedEnvelopeSchema,
  viewedAt: z.iso.datetime({ offset: true }),
});
export type SealedCvView = z.infer<typeof SealedCvViewSchema>;

/**
 * A recruiter opened a CV. `viewId` is the idempotency key: a replayed or duplicated message
 * carries the same one and is counted once. Sealed (written now) or clear (older records).
 */
export const CvViewedV1Schema = z.union([SealedCvViewSchema, CvViewSchema]);

export type CvViewedV1 = z.infer<typeof CvViewedV1Schema>;

export function isSealedCvView(view: CvViewedV1): view is SealedCvView {
  return 'viewer' in view;
}

export const cvViewedV1 = defineEvent({
  topic: TOPICS.cvViewed,
  type: 'cvs.cv.viewed',
  schemaVersion: 1,
  value: CvViewedV1Schema,
  keyOf: (v) => v.cvId,
  // Counted within seconds; a week covers any consumer outage worth replaying.
  retentionMs: 7 * 24 * 3_600_000,
});
