import type { ParsedQuery, TermSequence } from '@vigie/analysis';
import { CONTRACT_TYPES, REMOTE_MODES, WORKING_TIMES } from '@vigie/contracts';
import type { AlertEngine, EngineAlert, EngineMatch, MatchableOffer } from './alert-engine';
import { AlertInterner, type CompiledAlert, compileAlert } from './compiled-alert';
import { cellOf, cellsCovering } from './geo-cells';
import { type PreparedOffer, prepareOffer } from './prepared-offer';
import { SlotList } from './slot-list';
import { verifyMatch } from './verify-match';

/** Estimated share of offers containing an analysed term (0–1); only its order matters. */
export type DocumentFrequency = (term: string) => number;

export interface IndexedAlertEngineOptions {
  /**
   * Picks each keyword alert's anchor term (the rarest). Fixed for the engine's life: an alert is
   * removed from the lists it was put in. Default: longer terms are taken as rarer.
   */
  readonly documentFrequency?: DocumentFrequency;
}

// Posting keys below a term (or for alerts without keywords): where the alert looks.
const ANY = -1;
const FULL_REMOTE = -2;
const DEPARTMENT = 1_000_000;
const REGION = 2_000_000;
const ROME = 3_000_000;

const UNKNOWN_BIT = 1;
const ALL_BITS = 0xffff;
function maskOf<T>(vocabulary: readonly T[], accepted: readonly T[]): number {
  if (accepted.length === 0) return ALL_BITS;
  let mask = 0;
  for (const v of accepted) mask |= 2 << vocabulary.indexOf(v);
  return mask;
}
const bitOf = <T>(vocabulary: readonly T[], value: T | null) =>
  value === null || !vocabulary.includes(value) ? UNKNOWN_BIT : 2 << vocabulary.indexOf(value);

/**
 * An inverted index over alerts. A keyword alert is listed under its anchor — one term of each
 * alternative of its rarest required term or phrase, which every offer it fits must contain —
 * crossed with where it looks (each coarse cell its radius covers, its department or region, or
 * anywhere, plus « full remote » when the full-remote rule applies). Alerts without keywords are
 * listed the same way under no term, or by ROME code, or in a catch-all list. An offer reads the
 * lists of its terms × its cell, department, region and « anywhere »; each candidate passes a
 * check of compact facet records (typed arrays) before the exact `verifyMatch`, the same verifier
 * the scan uses. See docs/matching.md for the cost model.
 */
export class IndexedAlertEngine implements AlertEngine {
  private readonly df: DocumentFrequency;
  private readonly interner = new AlertInterner();
  private readonly anchors = new Map<ParsedQuery, readonly string[] | null>();
  private readonly byTerm = new Map<string, Map<number, SlotList>>();
  private readonly byPlace = new Map<number, SlotList>();
  private readonly codes = new Map<string, number>();
  private readonly slotOf = new Map<string, number>();
  private alerts: Array<CompiledAlert | undefined> = [];
  private free: number[] = [];
  private contract = new Uint16Array(1024);
  private workingTime = new Uint8Array(1024);
  private remote = new Uint8Array(1024);
  private minSalary = new Float64Array(1024);
  private unsalaried = new Uint8Array(1024);
  private seen = new Uint32Array(1024);
  private epoch = 0;
  /** Candidates that reached the exact verifier, since the engine was made (for the benchmark). */
  verifiedCandidates = 0;

  constructor(options: IndexedAlertEngineOptions = {}) {
    this.df = options.documentFrequency ?? ((term) => 1 / (1 + term.length));
  }

  get size(): number {
    return this.slotOf.size;
  }

  upsert(alert: EngineAlert): void {
    const compiled = compileAlert(alert, this.interner);
    this.remove(alert.id);
    const slot = this.free.pop() ?? this.alerts.length;
    if (slot >= this.contract.length) this.grow(slot + 1);
    this.alerts[slot] = compiled;
    this.slotOf.set(alert.id, slot);
    this.contract[slot] = maskOf(CONTRACT_TYPES, compiled.contractTypes);
    this.workingTime[slot] = maskOf(WORKING_TIMES, compiled.workingTimes);
    this.remote[slot] = maskOf(REMOTE_MODES, compiled.remote);
    this.minSalary[slot] = compiled.minAnnualSalary ?? Number.NaN;
    this.unsalaried[slot] = compiled.includeUnsalaried ? 1 : 0;
    this.postings(compiled, (list) => list.push(slot));
  }

  remove(alertId: string): void {
    const slot = this.slotOf.get(alertId);
    if (slot === undefined) return;
    this.postings(this.alerts[slot]!, (list) => list.remove(slot));
    this.alerts[slot] = undefined;
    this.slotOf.delete(alertId);
    this.free.push(slot);
  }

  match(offer: MatchableOffer): EngineMatch[] {
    return this.matchPrepared(prepareOffer(offer));
  }

  matchPrepared(prepared: PreparedOffer): EngineMatch[] {
    const o = prepared.offer;
    const keys: number[] = [ANY];
    if (o.latitude !== null && o.longitude !== null) keys.push(cellOf(o.latitude, o.longitude));
    const dep = o.departmentCode === null ? undefined : this.codes.get(`d${o.departmentCode}`);
    if (dep !== undefined) keys.push(DEPARTMENT + dep);
    const reg = o.regionCode === null ? undefined : this.codes.get(`r${o.regionCode}`);
    if (reg !== undefined) keys.push(REGION + reg);
    if (o.remote === 'full') keys.push(FULL_REMOTE);

    const facts = {
      contract: bitOf(CONTRACT_TYPES, o.contractType),
      workingTime: bitOf(WORKING_TIMES, o.workingTime),
      remote: bitOf(REMOTE_MODES, o.remote),
      salary: prepared.salary,
    };
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    const out: EngineMatch[] = [];
    const visit = (list: SlotList | undefined) => {
      if (list !== undefined) this.visit(list, prepared, facts, out);
    };
    for (const term of prepared.terms) {
      const lists = this.byTerm.get(term);
      if (lists !== undefined) for (const key of keys) visit(lists.get(key));
    }
    for (const key of keys) visit(this.byPlace.get(key));
    const rome = o.romeCode === null ? undefined : this.codes.get(`m${o.romeCode}`);
    if (rome !== undefined) visit(this.byPlace.get(ROME + rome));
    return out;
  }

  private visit(
    list: SlotList,
    prepared: PreparedOffer,
    facts: { contract: number; workingTime: number; remote: number; salary: number | null },
    out: EngineMatch[],
  ): void {
    const slots = list.slots;
    for (let i = 0; i < list.length; i++) {
      const s = slots[i]!;
      if (this.seen[s] === this.epoch) continue;
      this.seen[s] = this.epoch;
      if ((this.contract[s]! & facts.contract) === 0) continue;
      if ((this.workingTime[s]! & facts.workingTime) === 0) continue;
      if ((this.remote[s]! & facts.remote) === 0) continue;
      const min = this.minSalary[s]!;
      if (min === min && (facts.salary === null ? this.unsalaried[s] === 0 : facts.salary < min)) continue;
      this.verifiedCandidates++;
      const alert = this.alerts[s]!;
      const explanation = verifyMatch(alert, prepared);
      if (explanation !== null) out.push({ alertId: alert.id, explanation });
    }
  }

  /** Calls `apply` on every list the alert belongs in (creating them): upsert and remove agree. */
  private postings(alert: CompiledAlert, apply: (list: SlotList) => void): void {
    const places = this.placeKeys(alert);
    const anchor = this.anchorOf(alert.query);
    const at = (lists: Map<number, SlotList>, key: number) => {
      let list = lists.get(key);
      if (list === undefined) {
        list = new SlotList();
        lists.set(key, list);
      }
      apply(list);
    };
    if (anchor !== null) {
      for (const term of anchor) {
        let lists = this.byTerm.get(term);
        if (lists === undefined) {
          lists = new Map();
          this.byTerm.set(term, lists);
        }
        for (const key of places) at(lists, key);
      }
    } else if (alert.place !== null) {
      for (const key of places) at(this.byPlace, key);
    } else if (alert.romeCodes.length > 0) {
      for (const code of alert.romeCodes) at(this.byPlace, ROME + this.code(`m${code}`));
    } else {
      at(this.byPlace, ANY);
    }
  }

  private placeKeys(alert: CompiledAlert): number[] {
    const place = alert.place;
    const keys =
      place === null
        ? [ANY]
        : place.kind === 'circle'
          ? cellsCovering(place.latitude, place.longitude, place.radiusKm)
          : place.kind === 'department'
            ? [DEPARTMENT + this.code(`d${place.code}`)]
            : [REGION + this.code(`r${place.code}`)];
    if (alert.fullRemoteAnywhere) keys.push(FULL_REMOTE);
    return keys;
  }

  private code(key: string): number {
    let id = this.codes.get(key);
    if (id === undefined) {
      id = this.codes.size;
      this.codes.set(key, id);
    }
    return id;
  }

  /**
   * The terms an alert is listed under: for its rarest clause (a required term with its synonyms,
   * or a phrase), the rarest term of each alternative. Null when the query requires nothing.
   */
  private anchorOf(query: ParsedQuery): readonly string[] | null {
    if (this.anchors.has(query)) return this.anchors.get(query)!;
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
    this.anchors.set(query, best);
    return best;
  }

  private grow(needed: number): void {
    let capacity = this.contract.length;
    while (capacity < needed) capacity *= 2;
    const widen = <A extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
      a: A,
      make: (n: number) => A,
    ): A => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.contract = widen(this.contract, (n) => new Uint16Array(n));
    this.workingTime = widen(this.workingTime, (n) => new Uint8Array(n));
    this.remote = widen(this.remote, (n) => new Uint8Array(n));
    this.minSalary = widen(this.minSalary, (n) => new Float64Array(n));
    this.unsalaried = widen(this.unsalaried, (n) => new Uint8Array(n));
    this.seen = widen(this.seen, (n) => new Uint32Array(n));
  }
}

/** Document frequencies from a sample of offers (for anchors): share of offers with each term. */
export function documentFrequencies(offers: readonly PreparedOffer[]): DocumentFrequency {
  const counts = new Map<string, number>();
  for (const o of offers) for (const t of o.terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const n = Math.max(1, offers.length);
  // Unseen terms count as rarer than any seen, longer ones as rarer still.
  return (term) => {
    const c = counts.get(term);
    return c === undefined ? 1 / (n * (1 + term.length)) : c / n;
  };
}
