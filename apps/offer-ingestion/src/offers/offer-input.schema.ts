import {
  CommuneCodeSchema,
  ContractTypeSchema,
  PostalCodeSchema,
  REMOTE_MODES,
  RomeCodeSchema,
  WorkingTimeSchema,
} from '@vigie/contracts';
import { z } from 'zod';
import { cleanLine, cleanText } from './text';

const line = (max: number) =>
  z.string().transform(cleanLine).pipe(z.string().min(1, 'must not be empty').max(max));
const text = (max: number) =>
  z.string().transform(cleanText).pipe(z.string().min(1, 'must not be empty').max(max));

/**
 * One offer as a recruiter or ATS sends it. Unknown properties are rejected, not silently dropped.
 * canonical-offer.ts turns it into the canonical offer; v1 bodies stay valid (`hybrid` included).
 */
export const OfferInputSchema = z.strictObject({
  externalRef: line(200).describe("The recruiter's own stable reference: re-sending it updates the offer."),
  title: line(300),
  description: text(50_000),
  companyName: line(300).optional(),
  contractType: ContractTypeSchema,
  workingTime: WorkingTimeSchema.optional(),
  remote: z
    .enum([...REMOTE_MODES, 'hybrid'])
    .default('none')
    .describe('`hybrid` is the former name of `partial` and is stored as `partial`.'),
  romeCode: RomeCodeSchema.optional(),
  location: z
    .strictObject({
      city: line(200),
      postalCode: PostalCodeSchema.optional(),
      communeCode: CommuneCodeSchema.optional(),
      latitude: z.number().min(-90).max(90).optional(),
      longitude: z.number().min(-180).max(180).optional(),
    })
    .refine((l) => (l.latitude === undefined) === (l.longitude === undefined), {
      message: 'latitude and longitude go together',
      path: ['latitude'],
    })
    .optional(),
  salary: z
    .strictObject({
      min: z.number().nonnegative().optional(),
      max: z.number().nonnegative().optional(),
      currency: z.literal('EUR').default('EUR'),
      period: z.enum(['hour', 'month', 'year']),
    })
    .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, {
      message: 'min must not exceed max',
      path: ['min'],
    })
    .describe('Gross amounts; stored as EUR per year (monthly × 12, hourly × 1,607 h).')
    .optional(),
  applyUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2_000)
    .optional(),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  validThrough: z.iso.datetime({ offset: true }).optional(),
});

export type OfferInput = z.infer<typeof OfferInputSchema>;

/** The body of POST /v1/offers/batch. Items are validated one by one, so one bad item rejects only itself. */
export const OfferBatchSchema = z.strictObject({
  offers: z.array(z.unknown()).min(1, 'must contain at least one offer'),
});

/** Documentation of the batch body (items typed), for the OpenAPI document. */
export const OfferBatchDocSchema = z.object({ offers: z.array(OfferInputSchema).min(1) });
