import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/** One service erased what it held about the candidate of an erasure (no personal data here). */
export const ErasureConfirmedV1Schema = z.object({
  erasureId: z.uuid(),
  service: z.string().min(1).max(100),
  confirmedAt: z.iso.datetime({ offset: true }),
  /** What was erased, by kind (`cvs`, `files`, `indexDocuments`…), for the receipt. */
  erased: z.record(z.string().min(1).max(100), z.number().int().min(0)),
});

export type ErasureConfirmedV1 = z.infer<typeof ErasureConfirmedV1Schema>;

export const erasureConfirmedV1 = defineEvent({
  topic: TOPICS.erasureConfirmed,
  type: 'candidates.erasure.confirmed',
  schemaVersion: 1,
  value: ErasureConfirmedV1Schema,
  keyOf: (v) => v.erasureId,
});
