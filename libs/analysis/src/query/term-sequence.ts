import type { AnalysedToken } from '../chain/chain.types';
import { PREANALYSED_GAP, PREANALYSED_SEPARATOR } from '../chain/french-chain';

/** One analysed term of a sequence, at `offset` positions after the sequence's first term. */
export interface SequenceTerm {
  readonly term: string;
  readonly offset: number;
}

/**
 * What a query word, a quoted phrase or a synonym analyses to: terms with their relative positions.
 * One term: it must occur anywhere in a field; several: at exactly these relative positions in one
 * field (a removed stop word leaves its gap, as in the engine's phrase queries).
 */
export type TermSequence = readonly SequenceTerm[];

export function toSequence(tokens: readonly AnalysedToken[]): TermSequence {
  const first = tokens[0]?.position ?? 0;
  return tokens.map((t) => ({ term: t.term, offset: t.position - first }));
}

/** The positions a sequence spans, gaps included. */
export function sequenceSpan(sequence: TermSequence): number {
  return sequence.length === 0 ? 0 : sequence[sequence.length - 1]!.offset + 1;
}

/**
 * The sequence as the pre-analysed query text the engine reads back without analysing it again
 * (`vigie_preanalysed`): terms separated by spaces, « _ » for each gap. Also its identity.
 */
export function sequenceText(sequence: TermSequence): string {
  const parts: string[] = [];
  for (const t of sequence) {
    while (parts.length < t.offset) parts.push(PREANALYSED_GAP);
    parts.push(t.term);
  }
  return parts.join(PREANALYSED_SEPARATOR);
}
