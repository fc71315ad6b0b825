import { normalizeKeyword, type ParsedQuery, parseQuery } from '@vigie/analysis';
import type { ContractType, RemoteMode, SearchCriteria, WorkingTime } from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import type { EngineAlert, EnginePlace } from './alert-engine';

export class EngineAlertError extends DomainError<'ENGINE_ALERT_INVALID'> {
  constructor(alertId: string, field: string, reason: string) {
    super('ENGINE_ALERT_INVALID', `alert ${alertId}: ${field} ${reason}`, [{ field, reason }]);
  }
}

/** An alert analysed once at upsert, so matching never parses or folds anything per alert. */
export interface CompiledAlert {
  readonly id: string;
  readonly query: ParsedQuery;
  readonly place: EnginePlace | null;
  readonly contractTypes: readonly ContractType[];
  readonly workingTimes: readonly WorkingTime[];
  readonly remote: readonly RemoteMode[];
  readonly romeCodes: readonly string[];
  readonly minAnnualSalary: number | null;
  readonly includeUnsalaried: boolean;
  /** Folded like the index's `companyName.raw` keyword (lower case, no accents). */
  readonly company: string | null;
  /** As the candidate wrote it, for the explanation. */
  readonly companyLabel: string | null;
  /** `where` is set and `remote` accepts `full`: fully remote offers match wherever they are. */
  readonly fullRemoteAnywhere: boolean;
}

function checkPlace(alert: EngineAlert): EnginePlace | null {
  const where = alert.criteria.where;
  const place = alert.place ?? null;
  if (where === null) {
    if (place !== null) throw new EngineAlertError(alert.id, 'place', 'is given but criteria.where is null');
    return null;
  }
  if (place === null)
    throw new EngineAlertError(alert.id, 'place', `must resolve criteria.where (${where.kind})`);
  if (where.kind === 'commune') {
    if (place.kind !== 'circle')
      throw new EngineAlertError(alert.id, 'place', 'must be a circle for a commune');
    if (!(place.radiusKm > 0)) throw new EngineAlertError(alert.id, 'place.radiusKm', 'must be positive');
    if (Math.abs(place.latitude) > 90 || Math.abs(place.longitude) > 180)
      throw new EngineAlertError(alert.id, 'place', 'has coordinates out of range');
    return place;
  }
  if (typeof where.code !== 'string' || where.code === '')
    throw new EngineAlertError(alert.id, 'criteria.where.code', 'must be a department or region code');
  if (place.kind !== where.kind || place.code !== where.code)
    throw new EngineAlertError(alert.id, 'place', `must be ${where.kind} ${where.code}`);
  return place;
}

/**
 * Shares what many alerts have in common (the same query text, the same contract list): a million
 * alerts drawn from a few thousand occupation labels then hold a few thousand parsed queries.
 */
export class AlertInterner {
  private readonly queries = new Map<string, ParsedQuery>();
  private readonly lists = new Map<string, readonly string[]>();

  query(q: string): ParsedQuery {
    let parsed = this.queries.get(q);
    if (parsed === undefined) {
      parsed = parseQuery(q);
      this.queries.set(q, parsed);
    }
    return parsed;
  }

  list<T extends string>(values: readonly T[]): readonly T[] {
    if (values.length === 0) return EMPTY as readonly T[];
    const key = values.join(',');
    let found = this.lists.get(key);
    if (found === undefined) {
      found = [...values];
      this.lists.set(key, found);
    }
    return found as readonly T[];
  }
}

const EMPTY: readonly string[] = Object.freeze([]);
const NO_INTERNING = {
  query: (q: string) => parseQuery(q),
  list: <T extends string>(values: readonly T[]) => values,
};

export function compileAlert(
  alert: EngineAlert,
  interner: Pick<AlertInterner, 'query' | 'list'> = NO_INTERNING,
): CompiledAlert {
  const c: SearchCriteria = alert.criteria;
  const place = checkPlace(alert);
  const min = c.minAnnualSalary;
  // The schema's bounds; the index keeps it as a 32-bit integer.
  if (min !== null && !(Number.isInteger(min) && min >= 0 && min <= 1_000_000))
    throw new EngineAlertError(alert.id, 'criteria.minAnnualSalary', 'must be an integer from 0 to 1000000');
  let query: ParsedQuery;
  try {
    query = interner.query(c.q ?? '');
  } catch (e) {
    throw new EngineAlertError(alert.id, 'criteria.q', e instanceof Error ? e.message : 'cannot be parsed');
  }
  return {
    id: alert.id,
    query,
    place,
    contractTypes: interner.list(c.contractTypes),
    workingTimes: interner.list(c.workingTimes),
    remote: interner.list(c.remote),
    romeCodes: interner.list(c.romeCodes),
    minAnnualSalary: c.minAnnualSalary,
    includeUnsalaried: c.includeUnsalaried,
    company: c.company === null ? null : normalizeKeyword(c.company),
    companyLabel: c.company,
    fullRemoteAnywhere: place !== null && c.remote.includes('full'),
  };
}
