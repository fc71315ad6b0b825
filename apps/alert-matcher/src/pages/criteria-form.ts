import { AlertFrequencySchema, CRITERIA_PARAMS, ParamBag, SearchCriteria } from '@vigie/contracts';
import type { Alert, AlertFrequency, AlertSchedule } from '../alerts/alert';
import { PlaceDirectory } from '../alerts/place-directory.port';

/** A form's fields as posted: one value, or several for checkboxes. */
export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface FieldError {
  field: string;
  reason: string;
}

/**
 * The manage page's criteria form uses the search API's parameter names (`q`, `commune`,
 * `radius`, `contract`…), so its fields are checked by the very rule of `POST /v1/alerts/from-search`
 * (`AlertCriteriaPolicy.fromParams`) and each error comes back under the name of its field.
 */
export const SCHEDULE_FIELDS = { frequency: 'frequency', hour: 'hour', weekday: 'weekday' } as const;

const first = (v: string | readonly string[] | undefined): string | undefined =>
  typeof v === 'string' ? v : v?.[0];

/** Empty text inputs mean « not given »; a radius without a commune is the form's default, not a choice. */
export function criteriaParamsOf(form: FormFields): ParamBag {
  const p = CRITERIA_PARAMS;
  const out: Record<string, string | string[]> = {};
  for (const name of Object.values(p)) {
    const raw = form[name];
    const values = (typeof raw === 'string' ? [raw] : [...(raw ?? [])]).map((s) => s.trim()).filter(Boolean);
    if (values.length === 0) continue;
    out[name] = values.length === 1 ? values[0]! : values;
  }
  if (out[p.commune] === undefined) delete out[p.radius];
  // Unticking the box is « no » (an unticked checkbox sends nothing).
  if (out[p.minSalary] !== undefined && out[p.includeUnsalaried] === undefined)
    out[p.includeUnsalaried] = 'false';
  return out;
}

export type ScheduleParse =
  | { ok: true; frequency: AlertFrequency; schedule: Pick<AlertSchedule, 'hour' | 'weekday'> }
  | { ok: false; errors: FieldError[] };

export function scheduleOf(form: FormFields): ScheduleParse {
  const errors: FieldError[] = [];
  const frequency = AlertFrequencySchema.safeParse(first(form[SCHEDULE_FIELDS.frequency]));
  if (!frequency.success)
    errors.push({ field: SCHEDULE_FIELDS.frequency, reason: 'must be instant, daily or weekly' });
  const int = (field: string, min: number, max: number): number => {
    const raw = first(form[field]) ?? '';
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      errors.push({ field, reason: `must be a whole number from ${min} to ${max}` });
    return n;
  };
  const hour = int(SCHEDULE_FIELDS.hour, 0, 23);
  const weekday = int(SCHEDULE_FIELDS.weekday, 1, 7);
  if (errors.length > 0 || !frequency.success) return { ok: false, errors };
  return { ok: true, frequency: frequency.data, schedule: { hour, weekday } };
}

/** What the form shows: the alert's current criteria, or what the candidate just typed. */
export interface CriteriaFormValues {
  q: string;
  commune: string;
  radius: string;
  department: string;
  region: string;
  contract: string[];
  workingTime: string[];
  remote: string[];
  minSalary: string;
  includeUnsalaried: boolean;
  rome: string;
  company: string;
  frequency: string;
  hour: string;
  weekday: string;
}

export function formValuesOfAlert(alert: Alert): CriteriaFormValues {
  const c: SearchCriteria = alert.criteria;
  const w = c.where;
  return {
    q: c.q ?? '',
    commune: w?.kind === 'commune' ? w.communeCode : '',
    radius: w?.kind === 'commune' ? String(w.radiusKm) : '10',
    department: w?.kind === 'department' ? w.code : '',
    region: w?.kind === 'region' ? w.code : '',
    contract: [...c.contractTypes],
    workingTime: [...c.workingTimes],
    remote: [...c.remote],
    minSalary: c.minAnnualSalary === null ? '' : String(c.minAnnualSalary),
    includeUnsalaried: c.includeUnsalaried,
    rome: c.romeCodes.join(', '),
    company: c.company ?? '',
    frequency: alert.frequency,
    hour: String(alert.schedule.hour),
    weekday: String(alert.schedule.weekday),
  };
}

export function formValuesOfPost(form: FormFields): CriteriaFormValues {
  const text = (name: string) => first(form[name]) ?? '';
  const list = (name: string) => {
    const v = form[name];
    return typeof v === 'string' ? [v] : [...(v ?? [])];
  };
  return {
    q: text('q'),
    commune: text('commune'),
    radius: text('radius'),
    department: text('department'),
    region: text('region'),
    contract: list('contract'),
    workingTime: list('workingTime'),
    remote: list('remote'),
    minSalary: text('minSalary'),
    includeUnsalaried: text('includeUnsalaried') !== '',
    rome: text('rome'),
    company: text('company'),
    frequency: text('frequency'),
    hour: text('hour'),
    weekday: text('weekday'),
  };
}

/** The commune's name next to its code, so the candidate sees which place the code is. */
export function placeHint(values: CriteriaFormValues, places: PlaceDirectory): string | null {
  if (values.commune && /^(\d{5}|2[AB]\d{3})$/.test(values.commune))
    return places.commune(values.commune)?.name ?? null;
  if (values.department) return places.department(values.department)?.name ?? null;
  if (values.region) return places.region(values.region)?.name ?? null;
  return null;
}
