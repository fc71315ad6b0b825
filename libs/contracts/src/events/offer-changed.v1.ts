import { z } from 'zod';
import { OfferSnapshotSchema } from '../common/offer-snapshot';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

export const OfferChangedV1Schema = z
  .object({
    offerId: z.uuid(),
    recruiterId: z.uuid(),
    externalRef: z.string().min(1).max(200),
    /** Increases by one with every change of the offer; consumers keep the highest they have seen. */
    version: z.number().int().min(1),
    status: z.enum(['active', 'deleted']),
    changedAt: z.iso.datetime({ offset: true }),
    /** Null when the offer is deleted. */
    offer: OfferSnapshotSchema.nullable(),
  })
  .refine((v) => (v.status === 'active') === (v.offer !== null), {
    message: 'an active offer carries its snapshot; a deleted one carries none',
    path: ['offer'],
  });

export type OfferChangedV1 = z.infer<typeof OfferChangedV1Schema>;

export const offerChangedV1 = defineEvent({
  topic: TOPICS.offerChanged,
  type: 'offers.offer.changed',
  schemaVersion: 1,
  value: OfferChangedV1Schema,
  keyOf: (v) => v.offerId,
});
