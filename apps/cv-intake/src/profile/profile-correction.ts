import { ContractTypeSchema, LANGUAGE_LEVELS } from '@vigie/contracts';
import { z } from 'zod';
import { cleanLine, cleanText } from '../parsing/clean-text';

// Control and format characters (bidi overrides, zero-width) are removed before the bounds (J4).
const line = (max: number) => z.string().transform(cleanLine).pipe(z.string().min(1).max(max));

/**
 * The candidate's version of their profile (`PUT /v1/cvs/:id/profile`): the whole profile, as the
 * contract bounds it, with the commune given by its INSEE code. Unknown fields are refused, so a
 * name, a birth date or a photo cannot be slipped in.
 */
export const ProfileCorrectionSchema = z.strictObject({
  title: line(200).nullable(),
  pastTitles: z.array(line(200)).max(30).default([]),
  skills: z.array(line(100)).max(200),
  experienceYears: z.number().min(0).max(60).nullable(),
  education: z
    .array(z.strictObject({ degree: line(200), field: line(200).nullable().default(null) }))
    .max(20)
    .default([]),
  languages: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "en"'),
        level: z.enum(LANGUAGE_LEVELS).nullable().default(null),
      }),
    )
    .max(20)
    .default([]),
  communeCode: z
    .string()
    .regex(/^(?:\d{5}|2[AB]\d{3})$/, 'an INSEE commune code such as "69123"')
    .nullable(),
  contractTypes: z.array(ContractTypeSchema).max(8).default([]),
  summary: z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().max(5_000))
    .nullable()
    .default(null),
});
export type ProfileCorrection = z.infer<typeof ProfileCorrectionSchema>;

export const VisibilitySchema = z.strictObject({ searchable: z.boolean() });
