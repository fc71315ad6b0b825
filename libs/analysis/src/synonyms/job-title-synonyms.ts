import { type TermSequence } from '../query/term-sequence';
import { ABBREVIATIONS } from './abbreviations';
import { ESCO_GENDER_PAIRS } from './esco-gender-pairs.generated';
import { SynonymIndex } from './synonym-index';
import type { SynonymRule } from './synonym-rule';

/** Every synonym rule of the platform: the reviewed abbreviations, then ESCO's gendered pairs. */
export const JOB_TITLE_SYNONYM_RULES: readonly SynonymRule[] = [
  ...ABBREVIATIONS,
  ...ESCO_GENDER_PAIRS.map(([masculine, feminine]) => ({ terms: [masculine, feminine] })),
];

let index: SynonymIndex | undefined;

/** The platform's synonym index, built on first use (a few milliseconds). */
export function jobTitleSynonyms(): SynonymIndex {
  index ??= new SynonymIndex(JOB_TITLE_SYNONYM_RULES);
  return index;
}

/**
 * The alternatives a required query term matches: the term's own analysed sequence first, then its
 * synonyms. A single analysed term can be given as a string (« developeu » → « developeu », « dev »).
 * The search query and the matcher both expand through this, so they expand alike.
 */
export function expandTerm(term: TermSequence | string): TermSequence[] {
  return jobTitleSynonyms().expand(typeof term === 'string' ? [{ term, offset: 0 }] : term);
}
