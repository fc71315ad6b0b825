import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * The verified address a candidate is notified at (their CV e-mails), as the job board's token
 * carried it the last time they acted on cv-intake. cv-intake stores no address: this compacted
 * topic is where the latest one lives, keyed by candidate; an erasure writes a tombstone, which
 * removes every earlier address at compaction. alert-delivery keeps the projection.
 */
export const CandidateNotificationAddressChangedV1Schema = z.object({
  candidateId: z.string().min(1).max(100),
  /** Verified by the identity provider (`email_verified`); lower case. */
  email: z.email().max(254),
  changedAt: z.iso.datetime({ offset: true }),
});

export type CandidateNotificationAddressChangedV1 = z.infer<
  typeof CandidateNotificationAddressChangedV1Schema
>;

export const candidateNotificationAddressChangedV1 = defineEvent({
  topic: TOPICS.candidateNotificationAddressChanged,
  type: 'candidates.notification-address.changed',
  schemaVersion: 1,
  value: CandidateNotificationAddressChangedV1Schema,
  keyOf: (v) => v.candidateId,
  compacted: true,
});
