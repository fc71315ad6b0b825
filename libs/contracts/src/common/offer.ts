import { z } from 'zod';
import {
  CommuneRefSchema,
  DepartmentCodeSchema,
  GeoPointSchema,
  PostalCodeSchema,
  RegionCodeSchema,
} from './geography';

/**
 * The canonical contract vocabulary. Feeds say CDI/CDD/MIS/SAI/LIB (France Travail), FULL_TIME /
 * TEMPORARY / INTERN (schema.org), « contrat de professionnalisation »…; ingestion maps them here
 * and keeps the source value beside (`contract.source`).
 */
export const CONTRACT_TYPES = [
  'cdi',
  'cdd',
  'interim',
  'apprenticeship',
  'professionalisation',
  'internship',
  'freelance',
  'seasonal',
] as const;
export const ContractTypeSchema = z.enum(CONTRACT_TYPES);
export type ContractType = z.infer<typeof ContractTypeSchema>;

export const WORKING_TIMES = ['full_time', 'part_time'] as const;
export const WorkingTimeSchema = z.enum(WORKING_TIMES);
export type WorkingTime = z.infer<typeof WorkingTimeSchema>;

export const REMOTE_MODES = ['none', 'partial', 'full'] as const;
export const RemoteModeSchema = z.enum(REMOTE_MODES);
export type RemoteMode = z.infer<typeof RemoteModeSchema>;

/** ROME occupation code (v3 and v4 share the shape: a letter and four digits, e.g. M1805). */
export const RomeCodeSchema = z.string().regex(/^[A-N]\d{4}$/, 'must be a ROME code such as M1805');

/** Where the coordinates of a place come from, from the most to the least precise. */
export const GEO_PRECISIONS = ['feed', 'commune', 'department'] as const;

export const OfferPlaceSchema = z.object({
  /** The place as the recruiter wrote it (shown when no commune could be resolved). */
  label: z.string().min(1).max(200),
  postalCode: PostalCodeSchema.nullable(),
  /** Resolved by the gazetteer; null when the feed names no commune we can identify. */
  commune: CommuneRefSchema.nullable(),
  /** Known even without a commune when the feed gives a department (« 69 - Rhône »). */
  departmentCode: DepartmentCodeSchema.nullable(),
  regionCode: RegionCodeSchema.nullable(),
  geo: GeoPointSchema.nullable(),
  geoPrecision: z.enum(GEO_PRECISIONS).nullable(),
});
export type OfferPlace = z.infer<typeof OfferPlaceSchema>;

/** Gross EUR per year, converted from hourly / monthly / yearly figures; unknown stays null. */
export const OfferSalarySchema = z
  .object({
    minAnnualEur: z.number().nonnegative().nullable(),
    maxAnnualEur: z.number().nonnegative().nullable(),
    /** The recruiter's wording, kept for display (« 1 800 € par mois sur 13 mois »). */
    label: z.string().max(300).nullable(),
  })
  .refine((s) => s.minAnnualEur === null || s.maxAnnualEur === null || s.minAnnualEur <= s.maxAnnualEur, {
    message: 'minAnnualEur must not exceed maxAnnualEur',
    path: ['minAnnualEur'],
  });
export type OfferSalary = z.infer<typeof OfferSalarySchema>;

/** French-law screening outcome of a published offer (blocked offers are never published). */
export const OfferModerationSchema = z.object({
  status: z.enum(['clean', 'flagged']),
  /** Rule ids of the findings (R1–R17 of the screening rules), e.g. ["R14"]. */
  ruleIds: z.array(z.string().regex(/^R\d{1,2}$/)).max(17),
});

/**
 * The canonical offer, as every consumer sees it (event-carried state transfer): one contract
 * vocabulary, salaries in one unit, a resolved commune, plain text for search and a sanitised
 * HTML subset for display.
 */
export const OfferSchema = z.object({
  title: z.string().min(1).max(300),
  /** Plain text (what search and matching analyse). */
  description: z.string().min(1).max(50_000),
  /** The allowed HTML subset, sanitised, for display; null when the source was plain text. */
  descriptionHtml: z.string().max(100_000).nullable(),
  companyName: z.string().min(1).max(300).nullable(),
  contract: z.object({ type: ContractTypeSchema, source: z.string().max(100).nullable() }),
  workingTime: WorkingTimeSchema.nullable(),
  remote: RemoteModeSchema,
  place: OfferPlaceSchema.nullable(),
  salary: OfferSalarySchema.nullable(),
  romeCode: RomeCodeSchema.nullable(),
  applyUrl: z.url().nullable(),
  publishedAt: z.iso.datetime({ offset: true }),
  validThrough: z.iso.datetime({ offset: true }).nullable(),
  /** Copies of one job share a cluster id (duplicate detection); null until clustered. */
  clusterId: z.string().min(1).max(64).nullable(),
  moderation: OfferModerationSchema,
});
export type Offer = z.infer<typeof OfferSchema>;

/** active: searchable; expired: past its validThrough or maximum age; deleted: withdrawn. */
export const OFFER_STATUSES = ['active', 'expired', 'deleted'] as const;
export const OfferStatusSchema = z.enum(OFFER_STATUSES);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;
