import { z } from 'zod';
import { candidateRecordKey, sealedVariants } from '../common/sealed-variants';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * A recruiter asked to contact the candidate of one of their CVs: alert-delivery tells the
 * candidate by e-mail (company, message, where to accept or decline). No address here: the sender
 * resolves it from `candidates.notification-address.changed.v1`.
 */
export const CvContactRequestCreatedV1Schema = z.object({
  /** The contact request: one e-mail per request. */
  requestId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  cvId: z.uuid(),
  company: z.string().min(1).max(300),
  /** The recruiter's words (≤ 1,000 characters), or null. */
  message: z.string().min(1).max(1_000).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});

export type CvContactRequestCreatedV1 = z.infer<typeof CvContactRequestCreatedV1Schema>;

/**
 * What is sealed since crypto-shredding (JSON, under the candidate's key in the shared key table):
 * everything about the candidate. The record keeps only its id and date in the clear, and is keyed
 * by the key's id (a pseudonym destroyed with the key), as the match topics.
 */
const variants = sealedVariants(CvContactRequestCreatedV1Schema, {
  clear: ['requestId', 'createdAt'],
  sealed: ['candidateId', 'cvId', 'company', 'message'],
});

export const ContactRequestSealedFieldsSchema = variants.sealedFields;
export type ContactRequestSealedFields = z.infer<typeof ContactRequestSealedFieldsSchema>;

export const SealedCvContactRequestCreatedV1Schema = variants.sealed;
export type SealedCvContactRequestCreatedV1 = z.infer<typeof SealedCvContactRequestCreatedV1Schema>;

/** On the topic: sealed (written now) or clear (records written before the switch). */
export const CvContactRequestCreatedV1RecordSchema = variants.record;
export type CvContactRequestCreatedV1Record = z.infer<typeof CvContactRequestCreatedV1RecordSchema>;

export const cvContactRequestCreatedV1 = defineEvent({
  topic: TOPICS.cvContactRequestCreated,
  type: 'cvs.contact-request.created',
  schemaVersion: 1,
  value: CvContactRequestCreatedV1RecordSchema,
  keyOf: candidateRecordKey,
  // The recruiter's message and the candidate id: nothing to keep once it is mailed.
  retentionMs: 7 * 24 * 3_600_000,
});
