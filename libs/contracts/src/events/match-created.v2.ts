import { z } from 'zod';
import { ContractTypeSchema, RemoteModeSchema, WorkingTimeSchema } from '../common/offer';
import { AlertFrequencySchema } from './alert-changed.v1';
import { candidateRecordKey, sealedVariants } from '../common/sealed-variants';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

export const MATCHED_FIELDS = ['title', 'description', 'company'] as const;

/** Why an offer matched an alert: shown to the candidate in the e-mail (transparency). */
export const MatchExplanationV2Schema = z.object({
  /** Each required term or phrase of the alert and the fields where it was found. */
  terms: z
    .array(z.object({ term: z.string().min(1).max(200), fields: z.array(z.enum(MATCHED_FIELDS)).min(1) }))
    .max(50),
  /** Distance from the alert's place to the offer, when the alert has a commune + radius. */
  distanceKm: z.number().nonnegative().nullable(),
  radiusKm: z.number().positive().nullable(),
  /** The alert's place as the candidate chose it (commune, department or region name). */
  placeLabel: z.string().max(200).nullable(),
  /** True when the offer matched outside the place because it is fully remote. */
  fullRemote: z.boolean(),
  /** Every other criterion that held: what the alert asked and what the offer says. */
  filters: z
    .array(
      z.object({
        criterion: z.enum(['contract', 'workingTime', 'remote', 'salary', 'rome', 'company']),
        expected: z.string().max(300),
        actual: z.string().max(300),
      }),
    )
    .max(20),
});
export type MatchExplanationV2 = z.infer<typeof MatchExplanationV2Schema>;

/**
 * An offer fits an alert. Keyed by candidate, so all of a candidate's matches reach one delivery
 * worker in order (grouping). No e-mail address travels here: delivery resolves it from the
 * alert (alerts.alert.changed.v1), which is also how it re-checks the alert at send time.
 */
export const MatchCreatedV2Schema = z.object({
  matchId: z.uuid(),
  alertId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  offerId: z.uuid(),
  offerVersion: z.number().int().min(1),
  /** Copies of one job share it; delivery sends one job once per candidate. */
  clusterId: z.string().min(1).max(64).nullable(),
  frequency: AlertFrequencySchema,
  matchedAt: z.iso.datetime({ offset: true }),
  offer: z.object({
    title: z.string().min(1).max(300),
    companyName: z.string().nullable(),
    placeLabel: z.string().nullable(),
    contractType: ContractTypeSchema,
    workingTime: WorkingTimeSchema.nullable(),
    remote: RemoteModeSchema,
    salary: z
      .object({
        minAnnualEur: z.number().nonnegative().nullable(),
        maxAnnualEur: z.number().nonnegative().nullable(),
      })
      .nullable(),
    applyUrl: z.url().nullable(),
    publishedAt: z.iso.datetime({ offset: true }),
    validThrough: z.iso.datetime({ offset: true }).nullable(),
  }),
  explanation: MatchExplanationV2Schema,
});

export type MatchCreatedV2 = z.infer<typeof MatchCreatedV2Schema>;

/**
 * What alert-matcher writes since crypto-shredding: `candidateId` and `explanation` sealed under
 * the candidate's key (`sealed`, a `MatchSealedFields` as JSON), destroyed by the erasure; the
 * record key is the key's id, a random pseudonym of the candidate that dies with the key, so the
 * candidate's matches still share a partition. The offer is not about the candidate.
 */
const variants = sealedVariants(MatchCreatedV2Schema, {
  clear: ['matchId', 'alertId', 'offerId', 'offerVersion', 'clusterId', 'frequency', 'matchedAt', 'offer'],
  sealed: ['candidateId', 'explanation'],
});

/**
 * What is sealed under the candidate's key: who the match is for, and their alert's criteria.
 * Strict, unlike the CV e-mails' (which strip unknown keys): as it was before the helper.
 */
export const MatchSealedFieldsSchema = variants.sealedFields.strict();
export type MatchSealedFields = z.infer<typeof MatchSealedFieldsSchema>;

export const SealedMatchCreatedV2Schema = variants.sealed;
export type SealedMatchCreatedV2 = z.infer<typeof SealedMatchCreatedV2Schema>;

/** On the topic: sealed (written now) or clear (records written before, still read). */
export const MatchCreatedV2RecordSchema = variants.record;
export type MatchCreatedV2Record = z.infer<typeof MatchCreatedV2RecordSchema>;

export function isSealedMatch(record: MatchCreatedV2Record): record is SealedMatchCreatedV2 {
  return 'sealed' in record;
}

export const matchCreatedV2 = defineEvent({
  topic: TOPICS.matchCreatedV2,
  type: 'alerts.match.created',
  schemaVersion: 2,
  value: MatchCreatedV2RecordSchema,
  keyOf: candidateRecordKey,
  retentionMs: 7 * 24 * 3_600_000,
});
