import type { ParsedQuery, TermSequence } from '@vigie/analysis';

/**
 * The distinct parsed queries of the alerts, by index, each with what the index needs: its anchor
 * (the terms it is listed under) and the terms an offer must contain for it to possibly match.
 * Query terms are interned as small integers: an offer marks the ones it contains once (one map
 * look-up per offer term), then every check is an array read.
 */
export class QueryTable {
  readonly queries: ParsedQuery[] = [];
  /** Term ids an alert of the query is listed under (null: it requires no term). */
  readonly anchors: Array<readonly number[] | null> = [];
  /** Per required term or phrase, its alternatives as term-id lists (a cheap necessary condition). */
  private readonly needs: Array<ReadonlyArray<ReadonlyArray<readonly number[]>>> = [];
  private readonly indexOf = new Map<ParsedQuery, number>();
  readonly termIds = new Map<string, number>();

  constructor(private readonly df: (term: string) => number) {}

  get size(): number {
    return this.queries.length;
  }

  /** The compiler interns queries by their text, so the parsed query's identity stands for it. */
  intern(query: ParsedQuery): number {
    let index = this.indexOf.get(query);
    if (index === undefined) {
      index = this.queries.length;
      this.indexOf.set(query, index);
      this.queries.push(query);
      this.anchors.push(this.anchorOf(query)?.map((t) => this.termId(t)) ?? null);
      const terms = (s: TermSequence) => s.map((t) => this.termId(t.term));
      this.needs.push([
        ...query.required.map((t) => t.alternatives.map(terms)),
        ...query.phrases.map((p) => [terms(p.sequence)]),
      ]);
    }
    return index;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
    }
    return id;
  }

  /**
   * True when the offer's terms could satisfy every required term and phrase: each has an
   * alternative all of whose terms the offer contains (`stamp[termId] === epoch`). Necessary for
   * `matchText` (which also needs them at the right positions in one field, and no exclusion).
   */
  mayMatch(index: number, stamp: Uint32Array, epoch: number): boolean {
    for (const alternatives of this.needs[index]!) {
      let some = false;
      for (const terms of alternatives) {
        let all = true;
        for (const t of terms)
          if (stamp[t] !== epoch) {
            all = false;
            break;
          }
        if (all) {
          some = true;
          break;
        }
      }
      if (!some) return false;
    }
    return true;
  }

  /**
   * The terms an alert is listed under: for its rarest clause (a required term with its synonyms,
   * or a phrase), the rarest term of each alternative. Null when the query requires nothing.
   */
  private anchorOf(query: ParsedQuery): readonly string[] | null {
    const clauses: Array<readonly TermSequence[]> = [
      ...query.required.map((t) => t.alternatives),
      ...query.phrases.map((p) => [p.sequence]),
    ];
    let best: string[] | null = null;
    let bestCost = Infinity;
    for (const alternatives of clauses) {
      let cost = 0;
      const terms: string[] = [];
      for (const sequence of alternatives) {
        let rarest = sequence[0]!.term;
        for (const t of sequence) if (this.df(t.term) < this.df(rarest)) rarest = t.term;
        cost += this.df(rarest);
        if (!terms.includes(rarest)) terms.push(rarest);
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = terms;
      }
    }
    return best;
  }
}
