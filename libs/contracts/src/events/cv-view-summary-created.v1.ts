import { z } from 'zod';
import { candidateRecordKey, sealedVariants } from '../common/sealed-variants';
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

/**
 * What is sealed since crypto-shredding (JSON, under the candidate's key in the shared key table):
 * everything about the candidate. The record keeps only its id and date in the clear, and is keyed
 * by the key's id (a pseudonym destroyed with the key), as the match topics.
 */
const variants = sealedVariants(CvViewSummaryCreatedV1Schema, {
  clear: ['summaryId', 'createdAt'],
  sealed: ['candidateId', 'weekStart', 'recruiterCount', 'viewCount', 'companies'],
});

export const ViewSummarySealedFieldsSchema = variants.sealedFields;
export type ViewSummarySealedFields = z.infer<typeof ViewSummarySealedFieldsSchema>;

export const SealedCvViewSummaryCreatedV1Schema = variants.sealed;
export type SealedCvViewSummaryCreatedV1 = z.infer<typeof SealedCvViewSummaryCreatedV1Schema>;

/** On the topic: sealed (written now) or clear (records written before the switch). */
export const CvViewSummaryCreatedV1RecordSchema = variants.record;
export type CvViewSummaryCreatedV1Record = z.infer<typeof CvViewSummaryCreatedV1RecordSchema>;

export const cvViewSummaryCreatedV1 = defineEvent({
  topic: TOPICS.cvViewSummaryCreated,
  type: 'cvs.view-summary.created',
  schemaVersion: 1,
  value: CvViewSummaryCreatedV1RecordSchema,
  keyOf: candidateRecordKey,
  retentionMs: 7 * 24 * 3_600_000,
});
