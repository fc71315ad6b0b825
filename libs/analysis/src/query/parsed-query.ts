import type { TermSequence } from './term-sequence';

/**
 * A required query word. It matches a document when one of its alternatives (its own analysed
 * sequence first, then its synonyms) occurs in one of the text fields.
 */
export interface Term {
  /** What the user wrote, for explanations (« Développeurs », « -stage », « "chef de projet" »). */
  readonly source: string;
  readonly sequence: TermSequence;
  readonly alternatives: readonly TermSequence[];
}

/** A quoted phrase: its exact analysed sequence, in one field, no synonyms. */
export interface Phrase {
  readonly source: string;
  readonly sequence: TermSequence;
}

/**
 * The safe query syntax, parsed and analysed once for the search API and the alert matcher alike:
 * every `required` term, every `phrase`, and none of the `excluded` ones (words or phrases, exact:
 * their only alternative is themselves). An empty query has no clause and matches everything.
 */
export interface ParsedQuery {
  readonly required: readonly Term[];
  readonly phrases: readonly Phrase[];
  readonly excluded: readonly Term[];
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.required.length === 0 && q.phrases.length === 0 && q.excluded.length === 0;
}
