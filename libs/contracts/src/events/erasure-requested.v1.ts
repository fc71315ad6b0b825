import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * A candidate asked to erase everything about them. Every service holding the candidate's data
 * acts on it and answers on candidates.erasure.confirmed.v1; the receipt (cv-intake) is complete
 * once every service in `services` has confirmed. The candidate id is personal data: the topic's
 * retention is bounded.
 */
export const ErasureRequestedV1Schema = z.object({
  erasureId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  requestedAt: z.iso.datetime({ offset: true }),
  /** The services expected to confirm (the receipt waits for each). */
  services: z.array(z.string().min(1).max(100)).min(1).max(20),
});

export type ErasureRequestedV1 = z.infer<typeof ErasureRequestedV1Schema>;

export const erasureRequestedV1 = defineEvent({
  topic: TOPICS.erasureRequested,
  type: 'candidates.erasure.requested',
  schemaVersion: 1,
  value: ErasureRequestedV1Schema,
  keyOf: (v) => v.candidateId,
  retentionMs: 7 * 24 * 3_600_000,
});
