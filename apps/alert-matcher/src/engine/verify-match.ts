import { occursIn, type ParsedQuery, type Term, type TermSequence } from '@vigie/analysis';
import type { MatchExplanationV2 } from '@vigie/contracts';
import { distanceKm } from '@vigie/geo';
import type { CompiledAlert } from './compiled-alert';
import type { MatchedField, PreparedOffer } from './prepared-offer';

export type HeldFilter = MatchExplanationV2['filters'][number];
export type MatchedTerms = MatchExplanationV2['terms'];

export const clip = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max));

function fieldsWith(offer: PreparedOffer, sequences: readonly TermSequence[]): MatchedField[] {
  const out: MatchedField[] = [];
  for (const f of offer.fields) {
    if (sequences.some((s) => occursIn(f.positions, s))) out.push(f.name);
  }
  return out;
}

const occursAnywhere = (offer: PreparedOffer, term: Term) =>
  offer.fields.some((f) => term.alternatives.some((a) => occursIn(f.positions, a)));

/**
 * The text criterion with @vigie/analysis's matchesQuery semantics (every required term, or one of
 * its synonyms, in some field; every phrase in one field; no excluded term in any), keeping where
 * each one was found. Null when the text does not fit. A function of the query and the offer
 * only, so an index may compute it once per distinct query.
 */
export function matchText(q: ParsedQuery, offer: PreparedOffer): MatchedTerms | null {
  for (const term of q.excluded) if (occursAnywhere(offer, term)) return null;
  const terms: MatchedTerms = [];
  for (const term of q.required) {
    const fields = fieldsWith(offer, term.alternatives);
    if (fields.length === 0) return null;
    terms.push({ term: clip(term.source, 200), fields });
  }
  for (const phrase of q.phrases) {
    const fields = fieldsWith(offer, [phrase.sequence]);
    if (fields.length === 0) return null;
    terms.push({ term: clip(phrase.source, 200), fields });
  }
  return terms;
}

export interface PlaceOutcome {
  readonly distanceKm: number | null;
  readonly fullRemote: boolean;
}

/** The distance shown in an explanation: km rounded to 0.1. */
export const shownKm = (km: number) => Math.round(km * 10) / 10;

/** `where` with the full-remote rule; null when the offer is outside the place. */
export function matchPlace(
  alert: Pick<CompiledAlert, 'place' | 'fullRemoteAnywhere'>,
  offer: PreparedOffer,
): PlaceOutcome | null {
  const place = alert.place;
  if (place === null) return { distanceKm: null, fullRemote: false };
  const o = offer.offer;
  if (place.kind === 'circle') {
    if (o.latitude !== null && o.longitude !== null) {
      const km = distanceKm(place, { latitude: o.latitude, longitude: o.longitude });
      if (km <= place.radiusKm) return { distanceKm: shownKm(km), fullRemote: false };
    }
  } else if (place.kind === 'department') {
    if (o.departmentCode === place.code) return { distanceKm: null, fullRemote: false };
  } else if (o.regionCode === place.code) {
    return { distanceKm: null, fullRemote: false };
  }
  return alert.fullRemoteAnywhere && o.remote === 'full' ? { distanceKm: null, fullRemote: true } : null;
}

/** An offer value against an accepted list: empty accepts anything, an unknown value fails a list. */
const accepts = <T>(list: readonly T[], value: T | null): boolean =>
  list.length === 0 || (value !== null && list.includes(value));

/** What an alert asks apart from its place and text: the filters. */
export type AlertFilters = Pick<
  CompiledAlert,
  | 'contractTypes'
  | 'workingTimes'
  | 'remote'
  | 'romeCodes'
  | 'minAnnualSalary'
  | 'includeUnsalaried'
  | 'company'
  | 'companyLabel'
>;

/** Contract, working time, remote, ROME, salary and company: the cheap checks. */
export function filtersHold(alert: AlertFilters, offer: PreparedOffer): boolean {
  const o = offer.offer;
  if (!accepts(alert.contractTypes, o.contractType)) return false;
  if (!accepts(alert.workingTimes, o.workingTime)) return false;
  if (!accepts(alert.remote, o.remote)) return false;
  if (!accepts(alert.romeCodes, o.romeCode)) return false;
  const minSalary = alert.minAnnualSalary;
  if (minSalary !== null) {
    if (offer.salary === null ? !alert.includeUnsalaried : offer.salary < minSalary) return false;
  }
  return alert.company === null || alert.company === offer.company;
}

/**
 * The exact verifier, the one definition of "this offer fits this alert" that every engine
 * follows (the scan calls it for every alert; the index composes the same parts, `filtersHold`,
 * `matchPlace`, `matchText`, `heldFilters`, sharing what alerts have in common): the criteria
 * semantics of `SearchCriteria`, cheapest checks first. Returns why it fits, or null.
 */
export function verifyMatch(alert: CompiledAlert, offer: PreparedOffer): MatchExplanationV2 | null {
  if (!filtersHold(alert, offer)) return null;
  const place = matchPlace(alert, offer);
  if (place === null) return null;
  const terms = matchText(alert.query, offer);
  if (terms === null) return null;
  return {
    terms,
    distanceKm: place.distanceKm,
    radiusKm: alert.place?.kind === 'circle' ? alert.place.radiusKm : null,
    placeLabel: placeLabelOf(alert.place),
    fullRemote: place.fullRemote,
    filters: heldFilters(alert, offer),
  };
}

export const placeLabelOf = (place: CompiledAlert['place']): string | null =>
  place?.label === undefined || place.label === null ? null : clip(place.label, 200);

/** What each non-empty filter asked and what the offer says (only built for a match). */
export function heldFilters(alert: AlertFilters, offer: PreparedOffer): HeldFilter[] {
  const o = offer.offer;
  const out: HeldFilter[] = [];
  const add = (criterion: HeldFilter['criterion'], expected: string, actual: string) =>
    out.push({ criterion, expected: clip(expected, 300), actual: clip(actual, 300) });
  if (alert.contractTypes.length > 0) add('contract', alert.contractTypes.join(', '), o.contractType ?? '');
  if (alert.workingTimes.length > 0) add('workingTime', alert.workingTimes.join(', '), o.workingTime ?? '');
  if (alert.remote.length > 0) add('remote', alert.remote.join(', '), o.remote ?? '');
  if (alert.minAnnualSalary !== null)
    add('salary', `>= ${alert.minAnnualSalary}`, offer.salary === null ? 'not stated' : String(offer.salary));
  if (alert.romeCodes.length > 0) add('rome', alert.romeCodes.join(', '), o.romeCode ?? '');
  if (alert.companyLabel !== null) add('company', alert.companyLabel, o.companyName ?? '');
  return out;
}
