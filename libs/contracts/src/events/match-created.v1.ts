import { z } from 'zod';
import { ContractTypeSchema } from '../common/offer';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/** Why an offer matched an alert: shown to the candidate in the e-mail (transparency). */
export const MatchExplanationSchema = z.object({
  matchedKeywords: z.array(z.string().min(1)).max(50),
  contractType: ContractTypeSchema.nullable(),
  /** Distance from the alert's place to the offer, when the alert has a radius. */
  distanceKm: z.number().nonnegative().nullable(),
  radiusKm: z.number().positive().nullable(),
  placeLabel: z.string().nullable(),
});

export const MatchCreatedV1Schema = z.object({
  matchId: z.uuid(),
  alertId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  offerId: z.uuid(),
  offerVersion: z.number().int().min(1),
  frequency: z.enum(['instant']),
  matchedAt: z.iso.datetime({ offset: true }),
  /** PII: the delivery service needs the address; topic retention is kept short (see docs/events.md). */
  recipient: z.object({ email: z.email() }),
  offer: z.object({
    title: z.string().min(1).max(300),
    companyName: z.string().nullable(),
    city: z.string().nullable(),
    contractType: ContractTypeSchema,
    applyUrl: z.url().nullable(),
  }),
  explanation: MatchExplanationSchema,
});

export type MatchCreatedV1 = z.infer<typeof MatchCreatedV1Schema>;
export type MatchExplanation = z.infer<typeof MatchExplanationSchema>;

export const matchCreatedV1 = defineEvent({
  topic: TOPICS.matchCreated,
  type: 'alerts.match.created',
  schemaVersion: 1,
  value: MatchCreatedV1Schema,
  keyOf: (v) => v.alertId,
  // The recipient's address travels in this topic: keep it no longer than a week.
  retentionMs: 7 * 24 * 3_600_000,
});
