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
  readonly criteria: SearchCriteria;
  readonly query: ParsedQuery;
  readonly place: EnginePlace | null;
  readonly contractTypes: readonly ContractType[];
  readonly workingTimes: readonly WorkingTime[];
  readonly remote: readonly RemoteMode[];
  readonly romeCodes: readonly string[];
  /** Folded like the index's `companyName.raw` keyword (lower case, no accents). */
  readonly company: string | null;
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
  if (place.kind !== where.kind || place.code !== where.code)
    throw new EngineAlertError(alert.id, 'place', `must be ${where.kind} ${where.code}`);
  return place;
}

export function compileAlert(alert: EngineAlert): CompiledAlert {
  const c = alert.criteria;
  const place = checkPlace(alert);
  let query: ParsedQuery;
  try {
    query = parseQuery(c.q ?? '');
  } catch (e) {
    throw new EngineAlertError(alert.id, 'criteria.q', e instanceof Error ? e.message : 'cannot be parsed');
  }
  return {
    id: alert.id,
    criteria: c,
    query,
    place,
    contractTypes: c.contractTypes,
    workingTimes: c.workingTimes,
    remote: c.remote,
    romeCodes: c.romeCodes,
    company: c.company === null ? null : normalizeKeyword(c.company),
    fullRemoteAnywhere: place !== null && c.remote.includes('full'),
  };
}
