import { z } from 'zod';
import { CommuneCodeSchema, DepartmentCodeSchema, RegionCodeSchema } from './geography';
import { ContractTypeSchema, RemoteModeSchema, RomeCodeSchema, WorkingTimeSchema } from './offer';

/** The largest radius a place may have, in km. */
export const MAX_RADIUS_KM = 200;

export const WhereSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('commune'),
    communeCode: CommuneCodeSchema,
    radiusKm: z
      .number()
      .min(1, 'must be at least 1 km')
      .max(MAX_RADIUS_KM, `must be at most ${MAX_RADIUS_KM} km`),
  }),
  z.object({ kind: z.literal('department'), code: DepartmentCodeSchema }),
  z.object({ kind: z.literal('region'), code: RegionCodeSchema }),
]);
export type Where = z.infer<typeof WhereSchema>;

/**
 * What a candidate looks for: the one vocabulary of the search API and of alerts (an alert is a
 * saved search), so an alert sends exactly what the same search shows. Semantics, shared by the
 * search engine's query and the matcher's in-memory engine:
 * - `q`: safe query syntax: every term required, `"quoted phrases"` in order, `-term` excluded;
 *   matched in the title, description and company name through the platform's one French
 *   analysis chain (`@vigie/analysis`).
 * - `where`: null is anywhere. A commune + radius keeps offers whose coordinates lie within the
 *   radius of the commune's centre; a department or region keeps offers located in it. An offer
 *   without a place never matches a place, except by the full-remote rule below.
 * - `remote`: accepted remote modes (empty: any). Full-remote rule: when `where` is set and
 *   `remote` contains `full`, fully remote offers match wherever they are.
 * - `contractTypes`, `workingTimes`, `romeCodes`: accepted values (empty: any); an offer whose
 *   value is unknown does not match a non-empty filter.
 * - `minAnnualSalary`: the offer's highest stated annual gross salary (max, else min) must reach
 *   it; offers that state no salary match only when `includeUnsalaried` is true.
 * - `company`: the company name, compared case- and accent-insensitively as a whole.
 */
export const SearchCriteriaSchema = z.strictObject({
  q: z.string().trim().min(1).max(200).nullable().default(null),
  where: WhereSchema.nullable().default(null),
  remote: z.array(RemoteModeSchema).max(3).default([]),
  contractTypes: z.array(ContractTypeSchema).max(8).default([]),
  workingTimes: z.array(WorkingTimeSchema).max(2).default([]),
  minAnnualSalary: z.number().int().min(0).max(1_000_000).nullable().default(null),
  includeUnsalaried: z.boolean().default(true),
  romeCodes: z.array(RomeCodeSchema).max(20).default([]),
  company: z.string().trim().min(1).max(200).nullable().default(null),
});
export type SearchCriteria = z.infer<typeof SearchCriteriaSchema>;

/**
 * The search API's query-string parameters for criteria (`GET /v1/offers/search?…`), so a search
 * converts to an alert and back. `commune` may hold an INSEE code or a name; names are resolved
 * by the API layer (gazetteer) before the criteria are built. Lists are repeated or comma-separated.
 */
export const CRITERIA_PARAMS = {
  q: 'q',
  commune: 'commune',
  radius: 'radius',
  department: 'department',
  region: 'region',
  remote: 'remote',
  contract: 'contract',
  workingTime: 'workingTime',
  minSalary: 'minSalary',
  includeUnsalaried: 'includeUnsalaried',
  rome: 'rome',
  company: 'company',
} as const;

/** Default radius when a commune is given without one. */
export const DEFAULT_RADIUS_KM = 10;

/** Criteria → query-string pairs (the inverse of `criteriaFromParams`). */
export function criteriaToParams(criteria: SearchCriteria): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const p = CRITERIA_PARAMS;
  if (criteria.q) out.push([p.q, criteria.q]);
  const where = criteria.where;
  if (where?.kind === 'commune') out.push([p.commune, where.communeCode], [p.radius, String(where.radiusKm)]);
  if (where?.kind === 'department') out.push([p.department, where.code]);
  if (where?.kind === 'region') out.push([p.region, where.code]);
  if (criteria.remote.length > 0) out.push([p.remote, criteria.remote.join(',')]);
  if (criteria.contractTypes.length > 0) out.push([p.contract, criteria.contractTypes.join(',')]);
  if (criteria.workingTimes.length > 0) out.push([p.workingTime, criteria.workingTimes.join(',')]);
  if (criteria.minAnnualSalary !== null) {
    out.push([p.minSalary, String(criteria.minAnnualSalary)]);
    out.push([p.includeUnsalaried, String(criteria.includeUnsalaried)]);
  }
  if (criteria.romeCodes.length > 0) out.push([p.rome, criteria.romeCodes.join(',')]);
  if (criteria.company) out.push([p.company, criteria.company]);
  return out;
}

export type ParamBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export type CriteriaParseResult =
  | { ok: true; criteria: SearchCriteria }
  | { ok: false; errors: Array<{ field: string; reason: string }> };

/**
 * Query-string parameters → criteria; every error names the parameter. `commune` must already be
 * an INSEE code here (resolve names first). Unknown parameters are left to the caller (the search
 * API has its own: sort, size, after, publishedSince…).
 */
export function criteriaFromParams(params: ParamBag): CriteriaParseResult {
  const p = CRITERIA_PARAMS;
  const errors: Array<{ field: string; reason: string }> = [];
  const one = (name: string): string | undefined => {
    const v = params[name];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (v.length > 1) errors.push({ field: name, reason: 'must be given once' });
    return v[0];
  };
  const list = (name: string): string[] => {
    const v = params[name];
    if (v === undefined) return [];
    const values = typeof v === 'string' ? [v] : [...v];
    return values
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  };
  const number = (name: string): number | undefined => {
    const raw = one(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) errors.push({ field: name, reason: 'must be a number' });
    return n;
  };
  const bool = (name: string): boolean | undefined => {
    const raw = one(name);
    if (raw === undefined) return undefined;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    errors.push({ field: name, reason: 'must be true or false' });
    return undefined;
  };

  const commune = one(p.commune);
  const radius = number(p.radius);
  const department = one(p.department);
  const region = one(p.region);
  const places = [commune, department, region].filter((v) => v !== undefined).length;
  if (places > 1)
    errors.push({ field: p.commune, reason: 'give at most one of commune, department, region' });
  if (radius !== undefined && commune === undefined)
    errors.push({ field: p.radius, reason: 'needs a commune' });
  const where =
    commune !== undefined
      ? { kind: 'commune', communeCode: commune, radiusKm: radius ?? DEFAULT_RADIUS_KM }
      : department !== undefined
        ? { kind: 'department', code: department }
        : region !== undefined
          ? { kind: 'region', code: region }
          : null;
  const minSalary = number(p.minSalary);
  const includeUnsalaried = bool(p.includeUnsalaried);
  const candidate = {
    q: one(p.q) ?? null,
    where,
    remote: list(p.remote),
    contractTypes: list(p.contract),
    workingTimes: list(p.workingTime),
    minAnnualSalary: minSalary ?? null,
    includeUnsalaried: includeUnsalaried ?? true,
    romeCodes: list(p.rome),
    company: one(p.company) ?? null,
  };
  if (errors.length > 0) return { ok: false, errors };
  const parsed = SearchCriteriaSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, criteria: parsed.data };
  const paramOf: Record<string, string> = {
    q: p.q,
    where: commune !== undefined ? p.commune : department !== undefined ? p.department : p.region,
    remote: p.remote,
    contractTypes: p.contract,
    workingTimes: p.workingTime,
    minAnnualSalary: p.minSalary,
    includeUnsalaried: p.includeUnsalaried,
    romeCodes: p.rome,
    company: p.company,
  };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => {
      const [head, ...rest] = i.path.map(String);
      const field =
        head === 'where' && rest[0] === 'radiusKm' ? p.radius : (paramOf[head ?? ''] ?? head ?? '(query)');
      return { field, reason: i.message };
    }),
  };
}
