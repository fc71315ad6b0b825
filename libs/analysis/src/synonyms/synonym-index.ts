import { analyze } from '../chain/analyze';
import { sequenceText, type TermSequence, toSequence } from '../query/term-sequence';
import type { SynonymRule } from './synonym-rule';

/**
 * Synonyms by analysed sequence: the rules are analysed with the chain once, then a query term
 * (itself analysed) finds its alternatives by identity of sequences. Deliberately not transitive:
 * a term gets the other members of the rules it appears in, nothing further.
 */
export class SynonymIndex {
  private readonly byKey = new Map<string, TermSequence[]>();

  constructor(rules: readonly SynonymRule[], analyse: (text: string) => TermSequence = analyseText) {
    for (const rule of rules) {
      const members = distinct(rule.terms.map(analyse).filter((s) => s.length > 0));
      if (members.length < 2) continue; // the chain already makes them one term
      const heads = rule.oneWay ? members.slice(0, 1) : members;
      for (const head of heads) {
        const key = sequenceText(head);
        const found = this.byKey.get(key) ?? [];
        this.byKey.set(key, distinct([...found, ...members.filter((m) => sequenceText(m) !== key)]));
      }
    }
  }

  /** The sequence itself, then every synonym of it (none: just the sequence). */
  expand(sequence: TermSequence): TermSequence[] {
    return [sequence, ...(this.byKey.get(sequenceText(sequence)) ?? [])];
  }

  /** How many sequences have synonyms. */
  get size(): number {
    return this.byKey.size;
  }
}

function analyseText(text: string): TermSequence {
  return toSequence(analyze(text));
}

function distinct(sequences: readonly TermSequence[]): TermSequence[] {
  const seen = new Set<string>();
  return sequences.filter((s) => {
    const key = sequenceText(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
