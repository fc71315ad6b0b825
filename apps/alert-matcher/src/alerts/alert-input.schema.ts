import { CommuneCodeSchema, ContractTypeSchema } from '@vigie/contracts';
import { z } from 'zod';

/**
 * What a candidate sends to create an alert. The e-mail address is not in it: it comes from the
 * candidate's verified token, so nobody can subscribe someone else.
 */
export const AlertInputSchema = z.strictObject({
  keywords: z
    .array(z.string().trim().min(1, 'must not be empty').max(60))
    .min(1, 'give at least one keyword')
    .max(10, 'at most 10 keywords'),
  place: z
    .strictObject({
      label: z.string().trim().min(1).max(120),
      communeCode: CommuneCodeSchema.optional(),
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      radiusKm: z.number().positive().max(200),
    })
    .optional(),
  contractTypes: z.array(ContractTypeSchema).max(10).default([]),
  frequency: z.enum(['instant']).default('instant'),
});

export type AlertInput = z.infer<typeof AlertInputSchema>;
