import type { ParsedQuery, Term, TermSequence } from '@vigie/analysis';
import type { MatchedField } from './prepared-offer';
import { clip, type MatchedTerms } from './verify-match';

/** A field as a bit of the per-offer term masks, in the explanation's field order. */
export const FIELD_BITS: Readonly<Record<MatchedField, number>> = { title: 1, description: 2, company: 4 };
const FIELD_NAMES: ReadonlyArray<readonly MatchedField[]> = Array.from({ length: 8 }, (_, mask) =>
  (['title', 'description', 'company'] as const).filter((f) => (mask & FIELD_BITS[f]) !== 0),
);

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
  /**
   * Queries of one-term alternatives only (no phrase, no multi-term synonym or exclusion), the
   * board's common case, compiled to a flat program over term ids: presence and fields are then
   * array reads. `start[q]` is its offset in `code`, or -1 (positions needed: `matchText`).
   * Program: excluded count, (alternatives count, ids…)…, required count, (count, ids…)….
   */
  private start = new Int32Array(256);
  private code = new Int32Array(4096);
  private codeLength = 0;
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
      this.compileSimple(index, query);
    }
    return index;
  }

  /** True when the query's answer and explanation need no positions (see `start`). */
  isSimple(index: number): boolean {
    return this.start[index]! >= 0;
  }

  /**
   * `matchText(query) !== null` for a simple query, from the offer's marks: the term ids it
   * contains (`stamp[id] === epoch`).
   */
  holds(index: number, stamp: Uint32Array, epoch: number): boolean {
    const { code } = this;
    let p = this.start[index]!;
    // Any alternative of an excluded term anywhere rejects; each required term needs one.
    for (let n = code[p++]!; n > 0; n--)
      for (let k = code[p++]!; k > 0; k--) if (stamp[code[p++]!] === epoch) return false;
    for (let n = code[p++]!; n > 0; n--) {
      let found = false;
      for (let k = code[p++]!; k > 0; k--) if (stamp[code[p++]!] === epoch) found = true;
      if (!found) return false;
    }
    return true;
  }

  /** `matchText(query)` for a simple query that holds: each required term and its fields (bits). */
  matchedTerms(index: number, stamp: Uint32Array, fields: Uint8Array, epoch: number): MatchedTerms {
    const { code } = this;
    const required = this.queries[index]!.required;
    let p = this.start[index]!;
    for (let n = code[p++]!; n > 0; n--) p += code[p]! + 1;
    const out: MatchedTerms = new Array<MatchedTerms[number]>(code[p++]!);
    for (let r = 0; r < out.length; r++) {
      let mask = 0;
      for (let k = code[p++]!; k > 0; k--) {
        const id = code[p++]!;
        if (stamp[id] === epoch) mask |= fields[id]!;
      }
      out[r] = { term: clip(required[r]!.source, 200), fields: [...FIELD_NAMES[mask]!] };
    }
    return out;
  }

  private compileSimple(index: number, query: ParsedQuery): void {
    if (index >= this.start.length) this.start = grown(this.start, index + 1);
    const oneTerm = (t: Term) => t.alternatives.every((a) => a.length === 1);
    if (query.phrases.length > 0 || !query.required.every(oneTerm) || !query.excluded.every(oneTerm)) {
      this.start[index] = -1;
      return;
    }
    const program: number[] = [];
    for (const clauses of [query.excluded, query.required]) {
      program.push(clauses.length);
      for (const t of clauses) {
        program.push(t.alternatives.length);
        for (const a of t.alternatives) program.push(this.termId(a[0]!.term));
      }
    }
    if (this.codeLength + program.length > this.code.length)
      this.code = grown(this.code, this.codeLength + program.length);
    this.start[index] = this.codeLength;
    this.code.set(program, this.codeLength);
    this.codeLength += program.length;
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

function grown(a: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  let n = a.length;
  while (n < atLeast) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
