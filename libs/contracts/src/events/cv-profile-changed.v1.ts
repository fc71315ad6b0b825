import { z } from 'zod';
import { CommuneRefSchema, GeoPointSchema } from '../common/geography';
import { ContractTypeSchema } from '../common/offer';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

/**
 * The anonymised profile recruiters search (the `cvs` index): by construction it has no field
 * for a name, photo, birth date or age, gender, nationality, family situation, address beyond the
 * commune, e-mail or phone, and its free text is masked. Education carries no years (an age proxy).
 */
export const CvProfileSchema = z.strictObject({
  title: z.string().min(1).max(200).nullable(),
  pastTitles: z.array(z.string().min(1).max(200)).max(30),
  skills: z.array(z.string().min(1).max(100)).max(200),
  experienceYears: z.number().min(0).max(60).nullable(),
  education: z
    .array(z.strictObject({ degree: z.string().min(1).max(200), field: z.string().max(200).nullable() }))
    .max(20),
  languages: z
    .array(
      z.strictObject({ code: z.string().regex(/^[a-z]{2}$/), level: z.enum(LANGUAGE_LEVELS).nullable() }),
    )
    .max(20),
  /** The commune where the candidate wants to work (never their address). */
  commune: CommuneRefSchema.nullable(),
  geo: GeoPointSchema.nullable(),
  contractTypes: z.array(ContractTypeSchema).max(8),
  /** Masked free text (names, e-mails, phones, addresses replaced). */
  summary: z.string().max(5_000).nullable(),
});
export type CvProfile = z.infer<typeof CvProfileSchema>;

/**
 * A CV's searchable state, on a COMPACTED topic keyed by CV id: `searchable` is in the CV index,
 * `hidden` (the candidate withdrew it from search) and `deleted` are removed from it. A tombstone
 * (null value) is an erasure. Versions are external, as for offers.
 */
export const CvProfileChangedV1Schema = z
  .object({
    cvId: z.uuid(),
    version: z.number().int().min(1),
    status: z.enum(['searchable', 'hidden', 'deleted']),
    changedAt: z.iso.datetime({ offset: true }),
    profile: CvProfileSchema.nullable(),
  })
  .refine((v) => (v.status === 'searchable') === (v.profile !== null), {
    message: 'a searchable CV carries its profile; a hidden or deleted one carries none',
    path: ['profile'],
  });

export type CvProfileChangedV1 = z.infer<typeof CvProfileChangedV1Schema>;

export const cvProfileChangedV1 = defineEvent({
  topic: TOPICS.cvProfileChanged,
  type: 'cvs.profile.changed',
  schemaVersion: 1,
  value: CvProfileChangedV1Schema,
  keyOf: (v) => v.cvId,
  compacted: true,
});
