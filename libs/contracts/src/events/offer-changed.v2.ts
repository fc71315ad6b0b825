import { z } from 'zod';
import { OfferSchema, OfferStatusSchema } from '../common/offer';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

export const OfferChangedV2Schema = z
  .object({
    offerId: z.uuid(),
    recruiterId: z.uuid(),
    externalRef: z.string().min(1).max(200),
    /** Increases by one with every change of the offer; consumers keep the highest they have seen. */
    version: z.number().int().min(1),
    status: OfferStatusSchema,
    changedAt: z.iso.datetime({ offset: true }),
    /** The whole canonical offer when active; null when expired or deleted. */
    offer: OfferSchema.nullable(),
  })
  .refine((v) => (v.status === 'active') === (v.offer !== null), {
    message: 'an active offer carries its snapshot; an expired or deleted one carries none',
    path: ['offer'],
  });

export type OfferChangedV2 = z.infer<typeof OfferChangedV2Schema>;

export const offerChangedV2 = defineEvent({
  topic: TOPICS.offerChanged,
  type: 'offers.offer.changed',
  schemaVersion: 2,
  value: OfferChangedV2Schema,
  keyOf: (v) => v.offerId,
});
