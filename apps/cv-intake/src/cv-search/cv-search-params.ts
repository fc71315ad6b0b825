import { CommuneCodeSchema, ContractTypeSchema } from '@vigie/contracts';
import { z } from 'zod';

const list = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .string()
    .max(2_000)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    )
    .pipe(z.array(item).max(max));

/**
 * The recruiter CV search's query string: `skills` (comma-separated, each required), `title`,
 * `commune` (INSEE code) with `radius` (km), `contract` (comma-separated, any of), `minExperience`
 * (years), `page` and `size`. Unknown parameters are refused, so a typo never widens a search.
 */
export const CvSearchParamsSchema = z
  .strictObject({
    skills: list(z.string().min(1).max(100), 20).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    commune: CommuneCodeSchema.optional(),
    radius: z.coerce.number().int().min(0).max(200).optional(),
    contract: list(ContractTypeSchema, 8).optional(),
    minExperience: z.coerce.number().min(0).max(60).optional(),
    page: z.coerce.number().int().min(1).max(50).default(1),
    size: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((p) => p.radius === undefined || p.commune !== undefined, {
    message: 'a radius needs a commune',
    path: ['radius'],
  })
  .refine(
    (p) =>
      (p.skills?.length ?? 0) > 0 ||
      p.title !== undefined ||
      p.commune !== undefined ||
      (p.contract?.length ?? 0) > 0 ||
      p.minExperience !== undefined,
    { message: 'give at least one of skills, title, commune, contract or minExperience', path: ['skills'] },
  );

export type CvSearchParams = z.infer<typeof CvSearchParamsSchema>;

export const DEFAULT_RADIUS_KM = 30;
