import { z } from 'zod';

/**
 * `GET /internal/v1/alerts/:alertId/sent-offers?limit=` of alert-delivery (bearer
 * INTERNAL_API_TOKEN): the last offers the alert's e-mails showed, newest first. alert-matcher's
 * manage page reads it; delivery owns the ledger it comes from.
 */
export const SentOffersResponseSchema = z.object({
  offers: z
    .array(
      z.object({
        offerId: z.uuid(),
        title: z.string().nullable(),
        companyName: z.string().nullable(),
        placeLabel: z.string().nullable(),
        applyUrl: z.url().nullable(),
        sentAt: z.iso.datetime({ offset: true }),
      }),
    )
    .max(100),
});
export type SentOffersResponse = z.infer<typeof SentOffersResponseSchema>;

export const SENT_OFFERS_MAX = 100;
