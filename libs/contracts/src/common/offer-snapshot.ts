import { z } from 'zod';

import { CommuneCodeSchema, GeoPointSchema } from './geography';

/** v1 contract types (v2 adds `professionalisation`: see common/offer.ts). */
export const CONTRACT_TYPES_V1 = [
  'cdi',
  'cdd',
  'interim',
  'seasonal',
  'freelance',
  'apprenticeship',
  'internship',
] as const;
export const ContractTypeV1Schema = z.enum(CONTRACT_TYPES_V1);

export const REMOTE_POLICIES = ['none', 'hybrid', 'full'] as const;

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
  contractType: ContractTypeV1Schema,
  remote: z.enum(REMOTE_POLICIES),
  location: OfferLocationSchema.nullable(),
  salary: SalarySchema.nullable(),
  applyUrl: z.url().nullable(),
  publishedAt: z.iso.datetime({ offset: true }),
  validThrough: z.iso.datetime({ offset: true }).nullable(),
});

export type OfferSnapshot = z.infer<typeof OfferSnapshotSchema>;
export type OfferLocation = z.infer<typeof OfferLocationSchema>;
