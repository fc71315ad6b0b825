import { type AnalysedFields, TEXT_FIELDS } from '../chain/analyze';
import type { ParsedQuery, Term } from './parsed-query';
import type { TermSequence } from './term-sequence';

/** One field's terms and the positions each occurs at (ascending). */
export type FieldPositions = ReadonlyMap<string, readonly number[]>;

/** The analysed fields of one document, indexed by term: build once, evaluate many queries. */
export function indexFields(fields: AnalysedFields): FieldPositions[] {
  const out: FieldPositions[] = [];
  for (const name of TEXT_FIELDS) {
    const tokens = fields[name];
    if (tokens === undefined || tokens.length === 0) continue;
    const positions = new Map<string, number[]>();
    for (const t of tokens) {
      const found = positions.get(t.term);
      if (found) found.push(t.position);
      else positions.set(t.term, [t.position]);
    }
    out.push(positions);
  }
  return out;
}

/** Binary search in ascending positions (the matcher's term-id programs use it too). */
export function includesSorted(sorted: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** One term anywhere in the field; several at exactly their relative positions (slop 0). */
export function occursIn(field: FieldPositions, sequence: TermSequence): boolean {
  const first = field.get(sequence[0]!.term);
  if (first === undefined) return false;
  if (sequence.length === 1) return true;
  const rest = sequence.slice(1).map((t) => ({ positions: field.get(t.term), offset: t.offset }));
  if (rest.some((r) => r.positions === undefined)) return false;
  return first.some((p) => rest.every((r) => includesSorted(r.positions!, p + r.offset)));
}

const anyField = (fields: readonly FieldPositions[], sequence: TermSequence) =>
  fields.some((f) => occursIn(f, sequence));
const termOccurs = (fields: readonly FieldPositions[], term: Term) =>
  term.alternatives.some((alternative) => anyField(fields, alternative));

/** matchesQuery over fields already indexed with indexFields (the fast path for many queries). */
export function matchesIndexed(parsed: ParsedQuery, fields: readonly FieldPositions[]): boolean {
  return (
    parsed.required.every((term) => termOccurs(fields, term)) &&
    parsed.phrases.every((phrase) => anyField(fields, phrase.sequence)) &&
    !parsed.excluded.some((term) => termOccurs(fields, term))
  );
}

/**
 * The reference semantics of a parsed query over a document's analysed text fields (title,
 * description, company name) — what openSearchTextQuery asks the engine, and what the matcher must
 * answer: every required term, or one of its synonyms, occurs in at least one field; every phrase
 * occurs at consecutive positions (gaps kept) of one field; no excluded word or phrase occurs in any.
 */
export function matchesQuery(parsed: ParsedQuery, fields: AnalysedFields): boolean {
  return matchesIndexed(parsed, indexFields(fields));
}
