import { z } from 'zod';
import { OfferSnapshotSchema } from '../common/offer-snapshot';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/** Published once an offer version is searchable (or removed from search), for matching and monitoring. */
export const OfferIndexedV1Schema = z
  .object({
    offerId: z.uuid(),
    recruiterId: z.uuid(),
    version: z.number().int().min(1),
    status: z.enum(['active', 'deleted']),
    indexedAt: z.iso.datetime({ offset: true }),
    offer: OfferSnapshotSchema.nullable(),
  })
  .refine((v) => (v.status === 'active') === (v.offer !== null), {
    message: 'an active offer carries its snapshot; a deleted one carries none',
    path: ['offer'],
  });

export type OfferIndexedV1 = z.infer<typeof OfferIndexedV1Schema>;

export const offerIndexedV1 = defineEvent({
  topic: TOPICS.offerIndexed,
  type: 'offers.offer.indexed',
  schemaVersion: 1,
  value: OfferIndexedV1Schema,
  keyOf: (v) => v.offerId,
});
