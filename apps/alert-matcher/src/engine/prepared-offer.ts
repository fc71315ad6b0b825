import { analyze, type FieldPositions, indexFields, normalizeKeyword, type TextField } from '@vigie/analysis';
import type { MATCHED_FIELDS } from '@vigie/contracts';
import type { MatchableOffer } from './alert-engine';

export type MatchedField = (typeof MATCHED_FIELDS)[number];

/** The offer's text fields by the names explanations use (`company` is the index's companyName). */
const FIELDS: ReadonlyArray<readonly [MatchedField, TextField, (o: MatchableOffer) => string | null]> = [
  ['title', 'title', (o) => o.title],
  ['description', 'description', (o) => o.description],
  ['company', 'companyName', (o) => o.companyName],
];

/** An offer analysed once per match call, then read by every candidate alert. */
export interface PreparedOffer {
  readonly offer: MatchableOffer;
  /** Non-empty analysed fields, each with its term positions. */
  readonly fields: ReadonlyArray<{ readonly name: MatchedField; readonly positions: FieldPositions }>;
  /** Every term of every field (for look-ups in an index over alerts). */
  readonly terms: ReadonlySet<string>;
  readonly company: string | null;
  /** The highest stated annual salary (max, else min), or null when none is stated. */
  readonly salary: number | null;
}

export function prepareOffer(offer: MatchableOffer): PreparedOffer {
  const fields: Array<{ name: MatchedField; positions: FieldPositions }> = [];
  const terms = new Set<string>();
  for (const [name, field, read] of FIELDS) {
    const text = read(offer);
    if (text === null || text === '') continue;
    const [positions] = indexFields({ [field]: analyze(text, field) });
    if (positions === undefined) continue;
    fields.push({ name, positions });
    for (const term of positions.keys()) terms.add(term);
  }
  return {
    offer,
    fields,
    terms,
    company: offer.companyName === null ? null : normalizeKeyword(offer.companyName),
    salary: offer.salaryMaxAnnual ?? offer.salaryMinAnnual,
  };
}
