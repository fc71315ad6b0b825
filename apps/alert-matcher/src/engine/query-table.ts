import { includesSorted, type ParsedQuery, type Term, type TermSequence } from '@vigie/analysis';
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
  private readonly indexOf = new Map<ParsedQuery, number>();
  /**
   * Queries of one-term alternatives only (no phrase, no multi-term synonym or exclusion), the
   * board's common case, compiled to a flat program over term ids: presence and fields are then
   * array reads. `start[q]` is its offset in `code`, or -1 (positions needed: `positionalStart`).
   * Program: excluded count, (alternatives count, ids…)…, required count, (count, ids…)….
   */
  private start = new Int32Array(256);
  private code = new Int32Array(4096);
  private codeLength = 0;
  /**
   * Every other query (a phrase, « maître-chien » as a synonym) as a program over term ids and
   * offsets, read with the offer's positions by term id (`positional`): excluded count, (alternatives
   * count, (length, (id, offset)…)…)…, then the required terms and phrases (a phrase: one
   * alternative) in the same form. -1 for a simple query.
   */
  private positionalStart = new Int32Array(256);
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
      this.compileSimple(index, query);
    }
    return index;
  }

  /**
   * Renumbers the queries: `first` (distinct indices) become 0, 1, …, the others follow in their
   * order, and their programs are laid out again in the new order — the engine passes the order
   * in which its renumbered slots use them, so the programs an offer's candidates read are near
   * each other. Returns the new index of each old one.
   */
  renumber(first: readonly number[]): Int32Array {
    const n = this.queries.length;
    const newOf = new Int32Array(n).fill(-1);
    const order: number[] = [];
    for (const q of [...first, ...Array.from({ length: n }, (_, q) => q)])
      if (newOf[q]! < 0) {
        newOf[q] = order.length;
        order.push(q);
      }
    const code = new Int32Array(Math.max(4096, this.codeLength));
    const start = new Int32Array(this.start.length);
    const positionalStart = new Int32Array(this.positionalStart.length);
    let length = 0;
    const copy = (from: number, positional: boolean) => {
      if (from < 0) return -1;
      const end = from + programLength(this.code, from, positional);
      code.set(this.code.subarray(from, end), length);
      length += end - from;
      return length - (end - from);
    };
    const queries = order.map((q) => this.queries[q]!);
    const anchors = order.map((q) => this.anchors[q]!);
    order.forEach((q, to) => {
      start[to] = copy(this.start[q]!, false);
      positionalStart[to] = copy(this.positionalStart[q]!, true);
    });
    // Assigned one by one: a spread of 100,000s of arguments would overflow the stack.
    queries.forEach((query, to) => {
      this.queries[to] = query;
      this.anchors[to] = anchors[to]!;
      this.indexOf.set(query, to);
    });
    this.start = start;
    this.positionalStart = positionalStart;
    this.code = code;
    this.codeLength = length;
    return newOf;
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

  /**
   * `matchText(query) !== null` for a query that is not simple: each sequence (an alternative of an
   * excluded or required term, or a phrase) must occur at its offsets in one field. `positions[k]`
   * holds, by term id, the positions in the offer's field of bit `1 << k` (FIELD_BITS), valid for
   * the ids stamped with the epoch whose `fields` byte has that bit.
   */
  holdsPositional(
    index: number,
    stamp: Uint32Array,
    fields: Uint8Array,
    positions: ReadonlyArray<ReadonlyArray<readonly number[] | undefined>>,
    epoch: number,
  ): boolean {
    const { code } = this;
    let p = this.positionalStart[index]!;
    for (let n = code[p++]!; n > 0; n--) {
      for (let k = code[p++]!; k > 0; k--) {
        const length = code[p++]!;
        if (occurs(code, p, length, stamp, fields, positions, epoch)) return false;
        p += 2 * length;
      }
    }
    for (let n = code[p++]!; n > 0; n--) {
      let found = false;
      for (let k = code[p++]!; k > 0; k--) {
        const length = code[p++]!;
        if (!found && occurs(code, p, length, stamp, fields, positions, epoch)) found = true;
        p += 2 * length;
      }
      if (!found) return false;
    }
    return true;
  }

  private compileSimple(index: number, query: ParsedQuery): void {
    if (index >= this.start.length) this.start = grown(this.start, index + 1);
    if (index >= this.positionalStart.length) this.positionalStart = grown(this.positionalStart, index + 1);
    this.positionalStart[index] = -1;
    const oneTerm = (t: Term) => t.alternatives.every((a) => a.length === 1);
    if (query.phrases.length > 0 || !query.required.every(oneTerm) || !query.excluded.every(oneTerm)) {
      this.start[index] = -1;
      this.compilePositional(index, query);
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
    this.start[index] = this.append(program);
  }

  private compilePositional(index: number, query: ParsedQuery): void {
    const program: number[] = [];
    const clause = (alternatives: readonly TermSequence[]) => {
      program.push(alternatives.length);
      for (const sequence of alternatives) {
        program.push(sequence.length);
        for (const t of sequence) program.push(this.termId(t.term), t.offset);
      }
    };
    program.push(query.excluded.length);
    query.excluded.forEach((t) => clause(t.alternatives));
    program.push(query.required.length + query.phrases.length);
    query.required.forEach((t) => clause(t.alternatives));
    query.phrases.forEach((p) => clause([p.sequence]));
    this.positionalStart[index] = this.append(program);
  }

  /** Appends a program to `code`; returns its offset. */
  private append(program: readonly number[]): number {
    if (this.codeLength + program.length > this.code.length)
      this.code = grown(this.code, this.codeLength + program.length);
    const at = this.codeLength;
    this.code.set(program, at);
    this.codeLength += program.length;
    return at;
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

/** The length of the program at `p` (simple: clauses of ids; positional: of (id, offset) sequences). */
function programLength(code: Int32Array, p: number, positional: boolean): number {
  const from = p;
  for (let part = 0; part < 2; part++)
    for (let n = code[p++]!; n > 0; n--)
      for (let k = code[p++]!; k > 0; k--) p += positional ? 1 + 2 * code[p]! : 1;
  return p - from;
}

/**
 * `occursIn` over term ids: the sequence `code[p…]` ((id, offset) × length) occurs in one field of
 * the offer — every term there, each at its offset from the first one's position.
 */
function occurs(
  code: Int32Array,
  p: number,
  length: number,
  stamp: Uint32Array,
  fields: Uint8Array,
  positions: ReadonlyArray<ReadonlyArray<readonly number[] | undefined>>,
  epoch: number,
): boolean {
  let common = 7;
  for (let t = 0; t < length; t++) {
    const id = code[p + 2 * t]!;
    if (stamp[id] !== epoch) return false;
    common &= fields[id]!;
  }
  if (common === 0) return false;
  if (length === 1) return true;
  const first = code[p]!;
  const firstOffset = code[p + 1]!;
  for (let k = 0; k < 3; k++) {
    if ((common & (1 << k)) === 0) continue;
    const inField = positions[k]!;
    for (const at of inField[first]!) {
      let all = true;
      for (let t = 1; t < length && all; t++)
        all = includesSorted(inField[code[p + 2 * t]!]!, at - firstOffset + code[p + 2 * t + 1]!);
      if (all) return true;
    }
  }
  return false;
}

function grown(a: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  let n = a.length;
  while (n < atLeast) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
