import { z } from 'zod';
import { candidateRecordKey, sealedVariants } from '../common/sealed-variants';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * A candidate's CVs will be erased at `erasesAt` unless they act before (any upload, or
 * `POST /v1/cv-retention/extend` on cv-intake): the e-mail "your CV will be deleted in a month" is
 * to be sent on it. cv-intake holds no address: the sender resolves it from the candidate id (the
 * job board's identity subject). Once per candidate and period of inactivity (`warningId`).
 */
export const CvRetentionWarningCreatedV1Schema = z.object({
  /** Deterministic per (candidate, last activity): a sender sends it once. */
  warningId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  lastActiveAt: z.iso.datetime({ offset: true }),
  /** Not before a month after this warning, nor before two years after the last activity. */
  erasesAt: z.iso.datetime({ offset: true }),
  cvCount: z.number().int().min(1),
  createdAt: z.iso.datetime({ offset: true }),
});

export type CvRetentionWarningCreatedV1 = z.infer<typeof CvRetentionWarningCreatedV1Schema>;

/**
 * What is sealed since crypto-shredding (JSON, under the candidate's key in the shared key table):
 * everything about the candidate. The record keeps only its id and date in the clear, and is keyed
 * by the key's id (a pseudonym destroyed with the key), as the match topics.
 */
const variants = sealedVariants(CvRetentionWarningCreatedV1Schema, {
  clear: ['warningId', 'createdAt'],
  sealed: ['candidateId', 'lastActiveAt', 'erasesAt', 'cvCount'],
});

export const RetentionWarningSealedFieldsSchema = variants.sealedFields;
export type RetentionWarningSealedFields = z.infer<typeof RetentionWarningSealedFieldsSchema>;

export const SealedCvRetentionWarningCreatedV1Schema = variants.sealed;
export type SealedCvRetentionWarningCreatedV1 = z.infer<typeof SealedCvRetentionWarningCreatedV1Schema>;

/** On the topic: sealed (written now) or clear (records written before the switch). */
export const CvRetentionWarningCreatedV1RecordSchema = variants.record;
export type CvRetentionWarningCreatedV1Record = z.infer<typeof CvRetentionWarningCreatedV1RecordSchema>;

export const cvRetentionWarningCreatedV1 = defineEvent({
  topic: TOPICS.cvRetentionWarningCreated,
  type: 'cvs.retention-warning.created',
  schemaVersion: 1,
  value: CvRetentionWarningCreatedV1RecordSchema,
  keyOf: candidateRecordKey,
  // The candidate id is personal data; the warning is useless after the erasure anyway.
  retentionMs: 31 * 24 * 3_600_000,
});
