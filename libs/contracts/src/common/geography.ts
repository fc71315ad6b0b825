import { z } from 'zod';

/** INSEE commune code: 5 characters, digits except Corsica (2A/2B). */
export const CommuneCodeSchema = z
  .string()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'must be a 5-character INSEE commune code');

/** INSEE department code: 01–95, 2A, 2B, 971–976. */
export const DepartmentCodeSchema = z
  .string()
  .regex(
    /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2[AB]|97[1-6])$/,
    'must be an INSEE department code (01–95, 2A, 2B, 971–976)',
  );

/** INSEE region code (2 digits, e.g. 84 Auvergne-Rhône-Alpes, 11 Île-de-France). */
export const RegionCodeSchema = z.string().regex(/^\d{2}$/, 'must be a 2-digit INSEE region code');

export const PostalCodeSchema = z.string().regex(/^\d{5}$/, 'must be a 5-digit French postal code');

export const GeoPointSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPointSchema>;

/** A commune as resolved by the platform's gazetteer (`@vigie/geo`). */
export const CommuneRefSchema = z.object({
  code: CommuneCodeSchema,
  name: z.string().min(1).max(200),
  departmentCode: DepartmentCodeSchema,
  regionCode: RegionCodeSchema,
});
export type CommuneRef = z.infer<typeof CommuneRefSchema>;
