import {
  AlertFrequencySchema,
  AlertScheduleSchema,
  CommuneCodeSchema,
  ContractTypeSchema,
  MAX_RADIUS_KM,
  SearchCriteriaSchema,
} from '@vigie/contracts';
import { z } from 'zod';

/**
 * The place of the first API version (label and coordinates sent by the client). Still accepted:
 * it becomes a commune + radius (the given commune, else the commune nearest to the point).
 */
const LegacyPlaceSchema = z.strictObject({
  label: z.string().trim().min(1).max(120),
  communeCode: CommuneCodeSchema.optional(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  radiusKm: z
    .number()
    .min(1, 'must be at least 1 km')
    .max(MAX_RADIUS_KM, `must be at most ${MAX_RADIUS_KM} km`),
});

const ScheduleInputSchema = AlertScheduleSchema.partial().strict();

/** When an alert is sent; shared by creation and edition. */
const DeliveryFields = {
  frequency: AlertFrequencySchema.optional(),
  schedule: ScheduleInputSchema.optional(),
};

/**
 * What a client sends to create an alert: `criteria` (the search API's vocabulary), or the first
 * version's `keywords` / `place` / `contractTypes`. `email` only without a candidate token: such
 * an alert waits for the double opt-in confirmation.
 */
export const AlertInputSchema = z.strictObject({
  criteria: SearchCriteriaSchema.optional(),
  keywords: z
    .array(z.string().trim().min(1, 'must not be empty').max(60))
    .min(1, 'give at least one keyword')
    .max(10, 'at most 10 keywords')
    .optional(),
  place: LegacyPlaceSchema.optional(),
  contractTypes: z.array(ContractTypeSchema).max(8).optional(),
  email: z.email('must be an e-mail address').max(254).optional(),
  ...DeliveryFields,
});
export type AlertInput = z.infer<typeof AlertInputSchema>;

/** The optional `Idempotency-Key` header of `POST /v1/alerts`, named as the header in errors. */
export const IdempotencyKeySchema = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,200}$/, 'must be 1 to 200 of A-Z a-z 0-9 : . _ -')
    .optional(),
});

/** The body of `POST /v1/alerts/from-search?<search parameters>`: the criteria are in the query. */
export const FromSearchBodySchema = z
  .strictObject({ email: AlertInputSchema.shape.email, ...DeliveryFields })
  .default({});
export type FromSearchBody = z.infer<typeof FromSearchBodySchema>;

/** `PATCH /internal/v1/alerts/:id`: any of the editable fields, validated as at creation. */
export const AlertPatchSchema = z.strictObject({
  criteria: SearchCriteriaSchema.optional(),
  ...DeliveryFields,
});
export type AlertPatch = z.infer<typeof AlertPatchSchema>;

export const SnoozeSchema = z.strictObject({
  /** Until when no e-mail is sent; null ends the snooze. */
  until: z.iso.datetime({ offset: true }).nullable(),
});
