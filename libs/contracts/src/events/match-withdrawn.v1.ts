import { z } from 'zod';
import { SealedEnvelopeSchema } from '../common/sealed';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * The offer of a match expired or was withdrawn after the match was made: delivery must not send
 * it (it also re-checks at send time, so the order of the two topics does not matter).
 */
export const MatchWithdrawnV1Schema = z.object({
  matchId: z.uuid(),
  alertId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  offerId: z.uuid(),
  offerVersion: z.number().int().min(1),
  reason: z.enum(['expired', 'deleted']),
  withdrawnAt: z.iso.datetime({ offset: true }),
});

export type MatchWithdrawnV1 = z.infer<typeof MatchWithdrawnV1Schema>;

/**
 * Since crypto-shredding: `candidateId` sealed under the candidate's key (`sealed`, JSON
 * `{ candidateId }`), keyed by the key's id, as on alerts.match.created.v2.
 */
export const SealedMatchWithdrawnV1Schema = MatchWithdrawnV1Schema.omit({ candidateId: true }).extend({
  sealed: SealedEnvelopeSchema,
});
export type SealedMatchWithdrawnV1 = z.infer<typeof SealedMatchWithdrawnV1Schema>;

export const MatchWithdrawnV1RecordSchema = z.union([SealedMatchWithdrawnV1Schema, MatchWithdrawnV1Schema]);
export type MatchWithdrawnV1Record = z.infer<typeof MatchWithdrawnV1RecordSchema>;

export const matchWithdrawnV1 = defineEvent({
  topic: TOPICS.matchWithdrawn,
  type: 'alerts.match.withdrawn',
  schemaVersion: 1,
  value: MatchWithdrawnV1RecordSchema,
  keyOf: (v) => ('sealed' in v ? v.sealed.kid : v.candidateId),
  retentionMs: 7 * 24 * 3_600_000,
});
