import type { FeedItem } from '../feed-format';
import { jobTypesOf } from '../mapping/contract-vocabulary';
import { feedDate } from '../mapping/feed-dates';
import { PLAUSIBLE_SALARY, type ParsedSalary } from '../mapping/french-salary';
import { remoteModeOf } from '../mapping/remote-mode';
import { withoutUndefined } from '../xml/indeed-xml-parser';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
/** schema.org allows one value or an array of them almost everywhere: the first one is used. */
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const str = (v: unknown): string | undefined => {
  const value = first(v);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

/** Is this node a JobPosting (`@type` absent counts: bulk lines often leave it out)? */
export function isJobPosting(node: Json): boolean {
  const type = node['@type'];
  if (type === undefined) return true;
  return strings(type).some(
    (t) => t === 'JobPosting' || t.endsWith('/JobPosting') || t === 'schema:JobPosting',
  );
}

/** The node's `@type` for messages. */
export function typeOf(node: Json): string {
  return strings(node['@type']).join(', ') || 'no @type';
}

/**
 * One schema.org JobPosting onto OfferInput's shape (the mapping table is in docs/ingestion.md).
 * Nothing is guessed: an unknown employmentType gives no contract (the schema then names
 * `contractType`), a salary in another currency or per day / week, or outside the plausible
 * amounts of its period, stays unknown.
 */
export function jobPostingItem(position: number, node: Json): FeedItem {
  const externalRef = identifierOf(node);
  if (externalRef === undefined) {
    return {
      position,
      errors: [{ field: 'identifier', reason: 'missing: a JobPosting needs an identifier (or an @id)' }],
    };
  }
  const { contractType, workingTime } = jobTypesOf(strings(node.employmentType));
  const location = locationOf(node.jobLocation);
  const telecommute = strings(node.jobLocationType).some((t) => remoteModeOf(t) === 'full');
  const candidate = withoutUndefined({
    externalRef,
    title: str(node.title),
    description: str(node.description),
    companyName: organisationName(node.hiringOrganization),
    contractType,
    workingTime,
    remote: telecommute ? 'full' : undefined,
    romeCode: romeCodeOf(node.occupationalCategory),
    location,
    salary: salaryOf(node.baseSalary),
    applyUrl: str(node.url),
    publishedAt: feedDate(str(node.datePosted)),
    validThrough: feedDate(str(node.validThrough)),
  });
  return { position, externalRef, candidate };
}

/**
 * `identifier`: a PropertyValue (`{name, value}`, Google's recommended form), a plain text or
 * number (ids as strings), or an array of them; without one, the node's `@id` (a stable URL).
 */
function identifierOf(node: Json): string | undefined {
  const id = first(node.identifier);
  const value = obj(id) !== undefined ? str(obj(id)!.value ?? obj(id)!['@value']) : str(id);
  return value ?? str(node['@id']);
}

function organisationName(value: unknown): string | undefined {
  const organisation = first(value);
  // A bare `{"@id": "#org"}` reference to another @graph node carries no name: left out.
  return typeof organisation === 'string' ? str(organisation) : str(obj(organisation)?.name);
}

/** A ROME code given as the occupational category (« N1103 »), else nothing. */
function romeCodeOf(value: unknown): string | undefined {
  const code = str(value)?.toUpperCase();
  return code !== undefined && /^[A-N]\d{4}$/.test(code) ? code : undefined;
}

/** `jobLocation`: a Place (or the first of several) with a PostalAddress and optional GeoCoordinates. */
function locationOf(value: unknown): Json | undefined {
  const place = obj(first(value));
  if (place === undefined) return undefined;
  const rawAddress = first(place.address);
  const address = obj(rawAddress);
  const city = address !== undefined ? str(address.addressLocality) : str(rawAddress);
  if (city === undefined) return undefined;
  const geo = obj(first(place.geo));
  const latitude = coordinate(geo?.latitude);
  const longitude = coordinate(geo?.longitude);
  const both = latitude !== undefined && longitude !== undefined;
  return withoutUndefined({
    city,
    postalCode: str(address?.postalCode),
    latitude: both ? latitude : undefined,
    longitude: both ? longitude : undefined,
  });
}

function coordinate(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const PERIODS: Readonly<Record<string, ParsedSalary['period']>> = {
  HOUR: 'hour',
  MONTH: 'month',
  YEAR: 'year',
};

/**
 * `baseSalary`: a MonetaryAmount (`currency`, `value` a QuantitativeValue with `value` or
 * `minValue` / `maxValue` and `unitText` HOUR / MONTH / YEAR, or a plain number with `unitText` on
 * the amount). EUR only (a currency missing is taken as EUR on a French board); DAY, WEEK or no
 * unit, another currency, or amounts outside the period's plausible range: unknown.
 */
function salaryOf(value: unknown): ParsedSalary | undefined {
  const amount = obj(first(value));
  if (amount === undefined) return undefined;
  const currency = str(amount.currency)?.toUpperCase();
  if (currency !== undefined && currency !== 'EUR') return undefined;
  const quantity = obj(first(amount.value));
  const unit = str(quantity?.unitText ?? amount.unitText)?.toUpperCase();
  const period = unit === undefined ? undefined : PERIODS[unit];
  if (period === undefined) return undefined;
  const single = money(quantity !== undefined ? quantity.value : amount.value);
  const min = money(quantity?.minValue) ?? single;
  const max = money(quantity?.maxValue) ?? single;
  if (min === undefined && max === undefined) return undefined;
  const [low, high] = PLAUSIBLE_SALARY[period];
  const plausible = (n: number | undefined) => n === undefined || (n >= low && n <= high);
  if (!plausible(min) || !plausible(max)) return undefined;
  return withoutUndefined({ min, max, period }) as unknown as ParsedSalary;
}

/** A number, or a numeric text in plain or French form (« 2 100,50 »). */
function money(value: unknown): number | undefined {
  const v = first(value);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const text = v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}
