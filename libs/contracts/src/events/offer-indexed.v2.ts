import { z } from 'zod';
import { OfferSchema, OfferStatusSchema } from '../common/offer';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * Published once a version is what the index really holds: searchable (active) or gone from
 * search (expired, deleted). Never for a stale write behind a newer version or a deletion; a
 * redelivered version the index holds may be announced again, with its original indexedAt.
 */
export const OfferIndexedV2Schema = z
  .object({
    offerId: z.uuid(),
    recruiterId: z.uuid(),
    version: z.number().int().min(1),
    status: OfferStatusSchema,
    indexedAt: z.iso.datetime({ offset: true }),
    offer: OfferSchema.nullable(),
  })
  .refine((v) => (v.status === 'active') === (v.offer !== null), {
    message: 'an active offer carries its snapshot; an expired or deleted one carries none',
    path: ['offer'],
  });

export type OfferIndexedV2 = z.infer<typeof OfferIndexedV2Schema>;

export const offerIndexedV2 = defineEvent({
  topic: TOPICS.offerIndexed,
  type: 'offers.offer.indexed',
  schemaVersion: 2,
  value: OfferIndexedV2Schema,
  keyOf: (v) => v.offerId,
});
