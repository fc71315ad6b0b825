import { createHash } from 'node:crypto';
import { DepartmentCodeSchema, GeoPoint, Offer, OfferPlace, OfferSalary, RemoteMode } from '@vigie/contracts';
import { OfferInput } from './offer-input.schema';

/**
 * The canonical offer from what a recruiter sent: one contract vocabulary, salaries in gross EUR per
 * year, a place. Pure, so the feed parsers reuse it. The SQL migration of stored v1 rows
 * (migrations/1764600000000-offer-content-v2.ts) mirrors it exactly: keep the two in step.
 */

/** The part of an offer that defines a version: any change to it is a new version and a new event. */
export type OfferContent = Omit<Offer, 'publishedAt'>;

export type SalaryPeriod = 'hour' | 'month' | 'year';

/**
 * Salary periods to a year: monthly × 12; hourly × 1,607 h, the French legal annual working time
 * (35 h a week over a year, solidarity day included). Amounts are taken as gross, rounded to the euro.
 */
export const ANNUAL_FACTORS: Readonly<Record<SalaryPeriod, number>> = { hour: 1_607, month: 12, year: 1 };

export function annualEur(amount: number, period: SalaryPeriod): number {
  return Math.round(amount * ANNUAL_FACTORS[period]);
}

const PERIOD_WORDS: Readonly<Record<SalaryPeriod, string>> = {
  hour: "de l'heure",
  month: 'par mois',
  year: 'par an',
};
const NBSP = '\u00a0';

/** French figure: digits grouped by three with no-break spaces, decimal comma (« 1 234,5 »). */
export function frenchAmount(amount: number): string {
  const [whole, decimals] = String(amount).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return decimals === undefined ? grouped : `${grouped},${decimals}`;
}

/** The recruiter's figures as they gave them, for display (« 1 800 à 2 000 € par mois »). */
export function salaryLabel(min: number | null, max: number | null, period: SalaryPeriod): string | null {
  const unit = `${NBSP}€ ${PERIOD_WORDS[period]}`;
  if (min !== null && max !== null) {
    return min === max ? `${frenchAmount(min)}${unit}` : `${frenchAmount(min)} à ${frenchAmount(max)}${unit}`;
  }
  if (min !== null) return `à partir de ${frenchAmount(min)}${unit}`;
  if (max !== null) return `jusqu'à ${frenchAmount(max)}${unit}`;
  return null;
}

/** Unknown stays unknown: a salary with no figure is no salary. */
export function canonicalSalary(
  salary: { min?: number | null; max?: number | null; period: SalaryPeriod } | undefined,
): OfferSalary | null {
  const min = salary?.min ?? null;
  const max = salary?.max ?? null;
  if (!salary || (min === null && max === null)) return null;
  return {
    minAnnualEur: min === null ? null : annualEur(min, salary.period),
    maxAnnualEur: max === null ? null : annualEur(max, salary.period),
    label: salaryLabel(min, max, salary.period),
  };
}

/** v1 said `hybrid`; the canonical vocabulary says `partial`. */
export function remoteMode(value: RemoteMode | 'hybrid'): RemoteMode {
  return value === 'hybrid' ? 'partial' : value;
}

/**
 * The department is the head of an INSEE commune code (3 characters overseas: 971xx → 971); null
 * when that head is not a department (977/978 collectivities, 98x, 20 since Corsica became 2A/2B).
 * Postal codes are not used: they cross department borders.
 */
export function departmentOfCommune(communeCode: string | undefined | null): string | null {
  if (!communeCode) return null;
  const head = communeCode.startsWith('97') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
  return head !== '20' && DepartmentCodeSchema.safeParse(head).success ? head : null;
}

/**
 * The place as stated. The commune (and with it the region) is left to the gazetteer, which resolves
 * it separately; coordinates given by the feed are kept as such (`geoPrecision: 'feed'`).
 */
export function canonicalPlace(location: OfferInput['location']): OfferPlace | null {
  if (!location) return null;
  const geo: GeoPoint | null =
    location.latitude !== undefined && location.longitude !== undefined
      ? { latitude: location.latitude, longitude: location.longitude }
      : null;
  return {
    label: location.city,
    postalCode: location.postalCode ?? null,
    commune: null,
    departmentCode: departmentOfCommune(location.communeCode),
    regionCode: null,
    geo,
    geoPrecision: geo ? 'feed' : null,
  };
}

export function canonicalOfferContent(input: OfferInput): OfferContent {
  return {
    title: input.title,
    description: input.description,
    // The batch API takes plain text; the sanitised HTML subset comes with the feeds.
    descriptionHtml: null,
    companyName: input.companyName ?? null,
    // The API speaks the canonical vocabulary already: there is no other source wording to keep.
    contract: { type: input.contractType, source: null },
    workingTime: input.workingTime ?? null,
    remote: remoteMode(input.remote),
    place: canonicalPlace(input.location),
    salary: canonicalSalary(input.salary),
    romeCode: input.romeCode ?? null,
    applyUrl: input.applyUrl ?? null,
    validThrough: input.validThrough ? new Date(input.validThrough).toISOString() : null,
    clusterId: null,
    moderation: { status: 'clean', ruleIds: [] },
  };
}

/**
 * SHA-256 over the canonical content and the stated publication date, serialised with sorted keys:
 * equal content hashes equally whether it was built here or read back from jsonb.
 */
export function offerContentHash(content: OfferContent, publishedAt: string | null): string {
  return createHash('sha256')
    .update(stableJson([content, publishedAt]))
    .digest('hex');
}

/**
 * offerContentHash with the cluster id left open: the content is serialised once (before the
 * batch's transaction), and only the cluster id, known inside it, is added to the hash then.
 * Same bytes hashed, so `hasher(id) === offerContentHash({ ...content, clusterId: id }, publishedAt)`.
 */
export function offerContentHasher(
  content: OfferContent,
  publishedAt: string | null,
): (clusterId: string | null) => string {
  const parts = offerHashParts(content, publishedAt);
  return (clusterId) => offerHashWith(parts, clusterId);
}

/** The serialised content around its cluster id: plain strings, so a worker thread can hand them over. */
export interface OfferHashParts {
  readonly head: string;
  readonly tail: string;
}

export function offerHashParts(content: OfferContent, publishedAt: string | null): OfferHashParts {
  const entries = sortedEntries({ ...content, clusterId: null });
  const at = entries.findIndex(([k]) => k === 'clusterId');
  const part = (from: number, to: number) =>
    entries
      .slice(from, to)
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',');
  const rest = part(at + 1, entries.length);
  return {
    head: `[{${part(0, at)}${at > 0 ? ',' : ''}"clusterId":`,
    tail: `${rest === '' ? '' : `,${rest}`}},${stableJson(publishedAt)}]`,
  };
}

export function offerHashWith(parts: OfferHashParts, clusterId: string | null): string {
  return createHash('sha256')
    .update(parts.head)
    .update(JSON.stringify(clusterId))
    .update(parts.tail)
    .digest('hex');
}

function sortedEntries(value: object): Array<[string, unknown]> {
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = sortedEntries(value);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
