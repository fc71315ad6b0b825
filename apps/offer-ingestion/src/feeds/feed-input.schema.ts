import { z } from 'zod';
import { FEED_FORMATS, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from './feed';

const UNIT_MINUTES = { minutes: 1, hours: 60 } as const;

export const FeedInputSchema = z.strictObject({
  /** Checked against the egress policy by the use case (the scheme here, addresses at connect time). */
  url: z.string().trim().min(1).max(2_000),
  format: z.enum(FEED_FORMATS).default('auto'),
  mode: z.enum(['snapshot', 'delta']).default('snapshot'),
  schedule: z
    .strictObject({
      every: z.number().int().min(1),
      unit: z.enum(['minutes', 'hours']),
    })
    .transform((s) => s.every * UNIT_MINUTES[s.unit])
    .refine((m) => m >= MIN_INTERVAL_MINUTES && m <= MAX_INTERVAL_MINUTES, {
      message: `must be between ${MIN_INTERVAL_MINUTES} minutes and ${MAX_INTERVAL_MINUTES / 60} hours`,
    }),
});

export type FeedInput = z.infer<typeof FeedInputSchema>;

/** The same shape for the OpenAPI document (before the schedule becomes minutes). */
export const FeedInputDocSchema = z.object({
  url: z.string().describe('https:// URL of the feed'),
  format: z.enum(FEED_FORMATS).optional(),
  mode: z.enum(['snapshot', 'delta']).optional(),
  schedule: z.object({ every: z.number().int(), unit: z.enum(['minutes', 'hours']) }),
});
