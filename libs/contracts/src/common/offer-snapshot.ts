import { z } from 'zod';

/** Contract types, normalised from feeds (France Travail CDI/CDD/MIS/SAI/LIB, schema.org employmentType…). */
export const CONTRACT_TYPES = [
  'cdi',
  'cdd',
  'interim',
  'seasonal',
  'freelance',
  'apprenticeship',
  'internship',
] as const;
export const ContractTypeSchema = z.enum(CONTRACT_TYPES);
export type ContractType = z.infer<typeof ContractTypeSchema>;

export const REMOTE_POLICIES = ['none', 'hybrid', 'full'] as const;

/** INSEE commune code: 5 characters, digits except Corsica (2A/2B). */
export const CommuneCodeSchema = z
  .string()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'must be a 5-character INSEE commune code');

export const GeoPointSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const OfferLocationSchema = z.object({
  city: z.string().min(1).max(200),
  postalCode: z
    .string()
    .regex(/^\d{5}$/)
    .nullable(),
  communeCode: CommuneCodeSchema.nullable(),
  geo: GeoPointSchema.nullable(),
});

export const SalarySchema = z.object({
  min: z.number().nonnegative().nullable(),
  max: z.number().nonnegative().nullable(),
  currency: z.literal('EUR'),
  period: z.enum(['hour', 'month', 'year']),
});

/** The state of a published offer as carried by offer events (event-carried state transfer). */
export const OfferSnapshotSchema = z.object({
  title: z.string().min(1).max(300),
  description: z.string().min(1).max(50_000),
  companyName: z.string().min(1).max(300).nullable(),
  contractType: ContractTypeSchema,
  remote: z.enum(REMOTE_POLICIES),
  location: OfferLocationSchema.nullable(),
  salary: SalarySchema.nullable(),
  applyUrl: z.url().nullable(),
  publishedAt: z.iso.datetime({ offset: true }),
  validThrough: z.iso.datetime({ offset: true }).nullable(),
});

export type OfferSnapshot = z.infer<typeof OfferSnapshotSchema>;
export type OfferLocation = z.infer<typeof OfferLocationSchema>;
