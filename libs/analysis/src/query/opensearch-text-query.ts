import { TEXT_FIELDS, type TextField } from '../chain/analyze';
import { PREANALYSED_ANALYZER } from '../chain/french-chain';
import type { ParsedQuery, Term } from './parsed-query';
import { sequenceText, type TermSequence } from './term-sequence';

/** A query clause of the engine's DSL, plain JSON. */
export type OpenSearchQuery = Record<string, unknown>;

export interface TextQueryOptions {
  /** Score boost per field; matching ignores it. Title counts three times by default. */
  readonly boosts?: Partial<Record<TextField, number>>;
}

const DEFAULT_BOOSTS: Readonly<Record<TextField, number>> = { title: 3, description: 1, companyName: 1 };

/**
 * One sequence over the text fields. The terms are already analysed, so the engine must not
 * analyse them again (stemming is not idempotent): `vigie_preanalysed` only splits on spaces and
 * turns each « _ » into a gap. One term: `best_fields` (a term query per field); several: `phrase`
 * (a slop-0 phrase per field, gaps kept).
 */
function sequenceQuery(sequence: TermSequence, fields: string[]): OpenSearchQuery {
  return {
    multi_match: {
      query: sequenceText(sequence),
      fields,
      type: sequence.length === 1 ? 'best_fields' : 'phrase',
      analyzer: PREANALYSED_ANALYZER,
    },
  };
}

function termQuery(term: Term, fields: string[]): OpenSearchQuery {
  if (term.alternatives.length === 1) return sequenceQuery(term.alternatives[0]!, fields);
  return {
    bool: { should: term.alternatives.map((a) => sequenceQuery(a, fields)), minimum_should_match: 1 },
  };
}

/**
 * The engine query with exactly matchesQuery's semantics: `must` one clause per required term
 * (its alternatives as `should`, one needed) and per phrase, `must_not` one per excluded term;
 * an empty query matches everything. The search API puts it in its `bool.must` next to its filters.
 */
export function openSearchTextQuery(parsed: ParsedQuery, options: TextQueryOptions = {}): OpenSearchQuery {
  const boosts = { ...DEFAULT_BOOSTS, ...options.boosts };
  const fields = TEXT_FIELDS.map((f) => (boosts[f] === 1 ? f : `${f}^${boosts[f]}`));
  const must = [
    ...parsed.required.map((t) => termQuery(t, fields)),
    ...parsed.phrases.map((p) => sequenceQuery(p.sequence, fields)),
  ];
  const mustNot = parsed.excluded.map((t) => termQuery(t, fields));
  if (must.length === 0 && mustNot.length === 0) return { match_all: {} };
  return {
    bool: { ...(must.length > 0 ? { must } : {}), ...(mustNot.length > 0 ? { must_not: mustNot } : {}) },
  };
}
