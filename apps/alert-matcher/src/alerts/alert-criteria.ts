import { isEmptyQuery, isDomainQueryError, parseQuery } from '@vigie/analysis';
import {
  AlertSchedule,
  criteriaFromParams,
  CRITERIA_PARAMS,
  ParamBag,
  SearchCriteria,
  SearchCriteriaSchema,
} from '@vigie/contracts';
import { AlertInput } from './alert-input.schema';
import { AlertError } from './alert-errors';
import { PlaceDirectory } from './place-directory.port';

type FieldError = { field: string; reason: string };

const invalid = (errors: FieldError[]) =>
  new AlertError(
    'INVALID_CRITERIA',
    `invalid alert: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    errors,
  );

/** Legacy keywords become one query of required words: quotes and « - » lose their meaning. */
const legacyWord = (k: string) =>
  k
    .replace(/["“”„«»]/g, ' ')
    .replace(/(^|\s)-+/g, '$1')
    .trim();

const INSEE_COMMUNE = /^(\d{5}|2[AB]\d{3})$/;

/**
 * The rules an alert's criteria obey beyond their schema (row A4 of the bad-input catalogue):
 * at least one of keywords, a place or a ROME code; a query the analysis chain can use; a commune,
 * department or region that exists. Every error names the field and the reason.
 */
export class AlertCriteriaPolicy {
  constructor(private readonly places: PlaceDirectory) {}

  /** The criteria of a creation body: `criteria`, or the first version's fields converted. */
  fromInput(input: AlertInput): SearchCriteria {
    const legacy =
      input.keywords !== undefined || input.place !== undefined || input.contractTypes !== undefined;
    if (input.criteria && legacy) {
      throw invalid([
        { field: 'criteria', reason: 'give criteria or keywords/place/contractTypes, not both' },
      ]);
    }
    if (input.criteria) return this.check(input.criteria, 'criteria');
    if (!legacy) throw invalid([{ field: 'criteria', reason: 'is required' }]);
    const q = (input.keywords ?? []).map(legacyWord).filter(Boolean).join(' ');
    let where: SearchCriteria['where'] = null;
    if (input.place) {
      const { communeCode, latitude, longitude, radiusKm } = input.place;
      const commune = communeCode
        ? this.places.commune(communeCode)
        : this.places.nearestCommune({ latitude, longitude }, 30);
      if (!commune) {
        throw invalid([
          communeCode
            ? { field: 'place.communeCode', reason: 'is not a known commune' }
            : { field: 'place', reason: 'no French commune near these coordinates' },
        ]);
      }
      where = { kind: 'commune', communeCode: commune.code, radiusKm };
    }
    return this.check(
      SearchCriteriaSchema.parse({ q: q || null, where, contractTypes: input.contractTypes ?? [] }),
      'legacy',
    );
  }

  /** The search API's query parameters → criteria; a commune may be given by name. */
  fromParams(params: ParamBag): SearchCriteria {
    const commune = params[CRITERIA_PARAMS.commune];
    let resolved = params;
    if (typeof commune === 'string' && !INSEE_COMMUNE.test(commune.trim())) {
      const found = this.places.findCommunes(commune, 1)[0];
      if (!found) throw invalid([{ field: CRITERIA_PARAMS.commune, reason: 'is not a known commune' }]);
      resolved = { ...params, [CRITERIA_PARAMS.commune]: found.code };
    }
    const parsed = criteriaFromParams(resolved);
    if (!parsed.ok) throw invalid(parsed.errors);
    return this.check(parsed.criteria, 'params');
  }

  /**
   * Checks criteria that passed their schema. Errors name the body's fields (`criteria.q`), the
   * query parameters (`commune`), or the first version's fields (`keywords`, `place`).
   */
  check(criteria: SearchCriteria, naming: 'criteria' | 'params' | 'legacy'): SearchCriteria {
    const name = (field: string, param: string) =>
      naming === 'params'
        ? param
        : naming === 'legacy'
          ? field === 'q'
            ? 'keywords'
            : 'place'
          : `criteria.${field}`;
    const errors: FieldError[] = [];
    let positiveQuery = false;
    if (criteria.q !== null) {
      try {
        const parsed = parseQuery(criteria.q, { field: name('q', CRITERIA_PARAMS.q) });
        positiveQuery = parsed.required.length > 0 || parsed.phrases.length > 0;
        if (isEmptyQuery(parsed))
          errors.push({ field: name('q', CRITERIA_PARAMS.q), reason: 'has no word to look for' });
      } catch (e) {
        if (!isDomainQueryError(e)) throw e;
        errors.push(...(e.details ?? []));
      }
    }
    const where = criteria.where;
    if (where?.kind === 'commune' && !this.places.commune(where.communeCode))
      errors.push({
        field: name('where.communeCode', CRITERIA_PARAMS.commune),
        reason: 'is not a known commune',
      });
    if (where?.kind === 'department' && !this.places.department(where.code))
      errors.push({
        field: name('where.code', CRITERIA_PARAMS.department),
        reason: 'is not a known department',
      });
    if (where?.kind === 'region' && !this.places.region(where.code))
      errors.push({ field: name('where.code', CRITERIA_PARAMS.region), reason: 'is not a known region' });
    if (!positiveQuery && where === null && criteria.romeCodes.length === 0 && errors.length === 0) {
      errors.push({
        field: naming === 'params' ? '(query)' : naming === 'legacy' ? 'keywords' : 'criteria',
        reason: 'give at least one of keywords (q), a place (where) or a ROME code',
      });
    }
    if (errors.length > 0) throw invalid(errors);
    return criteria;
  }

  /** A schedule from the defaults (or the current one) and what the client changed. */
  schedule(given: Partial<AlertSchedule> | undefined, base: AlertSchedule): AlertSchedule {
    const schedule = { ...base, ...given };
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone: schedule.timeZone });
    } catch {
      throw invalid([{ field: 'schedule.timeZone', reason: 'is not an IANA time zone' }]);
    }
    return schedule;
  }
}
