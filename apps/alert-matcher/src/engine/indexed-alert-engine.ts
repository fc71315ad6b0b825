import type { MatchExplanationV2 } from '@vigie/contracts';
import { distanceKm, EARTH_RADIUS_KM } from '@vigie/geo';
import type { AlertEngine, EngineAlert, EngineMatch, MatchableOffer } from './alert-engine';
import { contractBit, FiltersInterner, remoteBit, workingTimeBit } from './alert-filters';
import { AlertSlots, PLACE_CIRCLE, PLACE_DEPARTMENT, PLACE_NONE } from './alert-slots';
import { AlertInterner, compileAlert } from './compiled-alert';
import { CELL_LEVELS, cellsCovering, cellsOf } from './geo-cells';
import { PlaceLists } from './place-lists';
import { type PreparedOffer, prepareOffer } from './prepared-offer';
import { QueryTable } from './query-table';
import type { SlotList } from './slot-list';
import {
  filtersHold,
  type HeldFilter,
  heldFilters,
  matchText,
  type MatchedTerms,
  shownKm,
} from './verify-match';

/** Estimated share of offers containing an analysed term (0–1); only its order matters. */
export type DocumentFrequency = (term: string) => number;

export interface IndexedAlertEngineOptions {
  /**
   * Picks each keyword alert's anchor term (the rarest). Fixed for the engine's life: an alert is
   * removed from the lists it was put in. Default: longer terms are taken as rarer.
   */
  readonly documentFrequency?: DocumentFrequency;
}

// Latitude difference alone bounds the great-circle distance from below; the margin keeps the
// shortcut strictly conservative under rounding (the exact `distanceKm` decides).
const KM_PER_DEGREE = EARTH_RADIUS_KM * (Math.PI / 180) * (1 - 1e-9);
// Memo states of a query or filters for the current offer (stale stamp: not evaluated yet).
const FAILS = 1;
const HOLDS = 2;

/**
 * An inverted index over alerts. A keyword alert is listed under its anchor — one term of each
 * alternative of its rarest required term or phrase, which every offer it fits must contain —
 * crossed with where it looks (the grid cells its radius covers at one of five sizes, its
 * department or region, or anywhere, plus « full remote » when the full-remote rule applies).
 * Alerts without keywords are listed the same way under no term, or by ROME code, or in a
 * catch-all list. An offer reads the lists of its terms × its cells, department, region and
 * « anywhere ». Each candidate is checked on struct-of-arrays records (facet masks, salary,
 * coordinates, place codes), then on its query and filters — each shared by many alerts and
 * evaluated once per offer with the verifier's own parts (`filtersHold`, `matchText`,
 * `heldFilters`), so the answers are the scan's. See docs/matching.md for the cost model.
 *
 * The explanations of one offer's matches share their read-only parts (terms, filters).
 */
export class IndexedAlertEngine implements AlertEngine {
  private readonly compiler = new AlertInterner();
  private readonly queries: QueryTable;
  private readonly filters = new FiltersInterner();
  /** By term id (QueryTable.termIds). */
  private readonly byTerm: Array<PlaceLists | undefined> = [];
  /** Alerts without keywords: by place, by ROME code, or anywhere. */
  private readonly keywordless = new PlaceLists();
  private readonly codes = new Map<string, number>();
  private readonly slotOf = new Map<string, number>();
  private readonly slots = new AlertSlots();
  private readonly labels: string[] = [];
  private readonly labelIds = new Map<string, number>();
  // Per-offer memos, valid while their stamp is the current epoch.
  private epoch = 0;
  private seen = new Uint32Array(1024);
  /** Term ids the current offer contains. */
  private termStamp = new Uint32Array(1024);
  private offerTerms = new Int32Array(512);
  private queryStamp = new Uint32Array(256);
  private queryState = new Uint8Array(256);
  private queryTerms: Array<MatchedTerms | null> = new Array<MatchedTerms | null>(256).fill(null);
  private filterStamp = new Uint32Array(256);
  private filterState = new Uint8Array(256);
  private filterHeld: Array<HeldFilter[] | null> = new Array<HeldFilter[] | null>(256).fill(null);
  private readonly offerCells = new Int32Array(CELL_LEVELS.length);
  private readonly alertPoint = { latitude: 0, longitude: 0 };
  private readonly offerPoint = { latitude: 0, longitude: 0 };
  /** Candidates that passed the facet masks, since the engine was made (for the benchmark). */
  verifiedCandidates = 0;

  constructor(options: IndexedAlertEngineOptions = {}) {
    this.queries = new QueryTable(options.documentFrequency ?? ((term) => 1 / (1 + term.length)));
  }

  get size(): number {
    return this.slotOf.size;
  }

  upsert(alert: EngineAlert): void {
    const compiled = compileAlert(alert, this.compiler);
    const query = this.queries.intern(compiled.query);
    const filters = this.filters.intern(compiled);
    this.remove(alert.id);
    const place = compiled.place;
    const slot = this.slots.add(
      alert.id,
      query,
      filters,
      compiled.fullRemoteAnywhere,
      place,
      place === null || place.kind === 'circle'
        ? -1
        : this.code(`${place.kind === 'department' ? 'd' : 'r'}${place.code}`),
      this.label(place?.label ?? null),
    );
    if (slot >= this.seen.length) this.seen = widen(this.seen, this.slots.capacity - 1);
    this.slotOf.set(alert.id, slot);
    this.postings(slot, (list) => list.push(slot));
  }

  remove(alertId: string): void {
    const slot = this.slotOf.get(alertId);
    if (slot === undefined) return;
    this.postings(slot, (list) => list.remove(slot));
    this.slots.free(slot);
    this.slotOf.delete(alertId);
  }

  match(offer: MatchableOffer): EngineMatch[] {
    return this.matchPrepared(prepareOffer(offer));
  }

  matchPrepared(prepared: PreparedOffer): EngineMatch[] {
    this.nextEpoch();
    const o = prepared.offer;
    const located = o.latitude !== null && o.longitude !== null;
    if (located) {
      cellsOf(o.latitude, o.longitude, this.offerCells);
      this.offerPoint.latitude = o.latitude!;
      this.offerPoint.longitude = o.longitude!;
    }
    const dep = o.departmentCode === null ? -1 : (this.codes.get(`d${o.departmentCode}`) ?? -1);
    const reg = o.regionCode === null ? -1 : (this.codes.get(`r${o.regionCode}`) ?? -1);
    const rome = o.romeCode === null ? -1 : (this.codes.get(`m${o.romeCode}`) ?? -1);
    const fullRemote = o.remote === 'full';
    const out: EngineMatch[] = [];
    const visit = (list: SlotList | undefined) => {
      if (list !== undefined && list.length > 0) this.visit(list, prepared, located, dep, reg, out);
    };
    const read = (lists: PlaceLists) => {
      visit(lists.any);
      if (located)
        for (let level = 0; level < CELL_LEVELS.length; level++)
          if (lists.hasLevel(level)) visit(lists.cells.get(this.offerCells[level]!));
      if (dep >= 0) visit(lists.departments.get(dep));
      if (reg >= 0) visit(lists.regions.get(reg));
      if (fullRemote) visit(lists.fullRemote);
    };
    // Mark every term first: a candidate's query is checked against all of the offer's terms.
    const termIds = this.queries.termIds;
    if (this.termStamp.length < termIds.size) this.termStamp = widen(this.termStamp, termIds.size);
    if (this.offerTerms.length < prepared.terms.size)
      this.offerTerms = new Int32Array(prepared.terms.size * 2);
    const stamp = this.termStamp;
    const offerTerms = this.offerTerms;
    let count = 0;
    for (const term of prepared.terms) {
      const id = termIds.get(term);
      if (id === undefined) continue;
      stamp[id] = this.epoch;
      offerTerms[count++] = id;
    }
    for (let i = 0; i < count; i++) {
      const lists = this.byTerm[offerTerms[i]!];
      if (lists !== undefined) read(lists);
    }
    read(this.keywordless);
    if (rome >= 0) visit(this.keywordless.romes.get(rome));
    return out;
  }

  private visit(
    list: SlotList,
    prepared: PreparedOffer,
    located: boolean,
    dep: number,
    reg: number,
    out: EngineMatch[],
  ): void {
    const o = prepared.offer;
    const s = this.slots;
    // Locals: the loop reads them per entry, and nothing reassigns them while it runs.
    const { contract, workingTime, remote, minSalary, unsalaried, placeKind, latitude, radius } = s;
    const seen = this.seen;
    const epoch = this.epoch;
    const contractB = contractBit(o.contractType);
    const workingTimeB = workingTimeBit(o.workingTime);
    const remoteB = remoteBit(o.remote);
    const salary = prepared.salary;
    const fullRemoteOffer = o.remote === 'full';
    const offerLat = o.latitude ?? 0;
    const entries = list.slots;
    for (let i = 0; i < list.length; i++) {
      const slot = entries[i]!;
      if (seen[slot] === epoch) continue;
      seen[slot] = epoch;
      if ((contract[slot]! & contractB) === 0) continue;
      if ((workingTime[slot]! & workingTimeB) === 0) continue;
      if ((remote[slot]! & remoteB) === 0) continue;
      const min = minSalary[slot]!;
      if (min === min && (salary === null ? unsalaried[slot] === 0 : salary < min)) continue;
      this.verifiedCandidates++;
      // The place on the slot's own record (no allocation), then the shared query and filters.
      let km = -1;
      let inPlace = false;
      const kind = placeKind[slot]!;
      if (kind === PLACE_NONE) inPlace = true;
      else if (kind === PLACE_CIRCLE) {
        const r = radius[slot]!;
        if (located && Math.abs(latitude[slot]! - offerLat) * KM_PER_DEGREE <= r) {
          this.alertPoint.latitude = latitude[slot]!;
          this.alertPoint.longitude = s.longitude[slot]!;
          const d = distanceKm(this.alertPoint, this.offerPoint);
          if (d <= r) {
            inPlace = true;
            km = d;
          }
        }
      } else inPlace = s.placeCode[slot] === (kind === PLACE_DEPARTMENT ? dep : reg);
      if (!inPlace && !(fullRemoteOffer && s.fullRemoteAnywhere[slot] === 1)) continue;
      const held = this.heldFilters(s.filters[slot]!, prepared);
      if (held === null) continue;
      const terms = this.terms(s.query[slot]!, prepared);
      if (terms === null) continue;
      const label = s.label[slot]!;
      const explanation: MatchExplanationV2 = {
        terms,
        distanceKm: km < 0 ? null : shownKm(km),
        radiusKm: kind === PLACE_CIRCLE ? radius[slot]! : null,
        placeLabel: label < 0 ? null : this.labels[label]!,
        fullRemote: !inPlace,
        filters: held,
      };
      out.push({ alertId: s.ids[slot]!, explanation });
    }
  }

  /** The filters' verdict for this offer, once per offer: what held, or null. */
  private heldFilters(index: number, prepared: PreparedOffer): HeldFilter[] | null {
    if (index >= this.filterStamp.length) {
      this.filterStamp = widen(this.filterStamp, index);
      this.filterState = widenBytes(this.filterState, this.filterStamp.length);
      densify(this.filterHeld, this.filterStamp.length);
    }
    if (this.filterStamp[index] !== this.epoch) {
      this.filterStamp[index] = this.epoch;
      const filters = this.filters.all[index]!;
      if (filtersHold(filters, prepared)) {
        this.filterState[index] = HOLDS;
        this.filterHeld[index] = heldFilters(filters, prepared);
      } else this.filterState[index] = FAILS;
    }
    return this.filterState[index] === HOLDS ? this.filterHeld[index]! : null;
  }

  /** The query's matched terms for this offer, once per offer (cheap set look-ups first), or null. */
  private terms(index: number, prepared: PreparedOffer): MatchedTerms | null {
    if (index >= this.queryStamp.length) {
      this.queryStamp = widen(this.queryStamp, index);
      this.queryState = widenBytes(this.queryState, this.queryStamp.length);
      densify(this.queryTerms, this.queryStamp.length);
    }
    if (this.queryStamp[index] !== this.epoch) {
      this.queryStamp[index] = this.epoch;
      const terms = this.queries.mayMatch(index, this.termStamp, this.epoch)
        ? matchText(this.queries.queries[index]!, prepared)
        : null;
      this.queryState[index] = terms === null ? FAILS : HOLDS;
      this.queryTerms[index] = terms;
    }
    return this.queryState[index] === HOLDS ? this.queryTerms[index]! : null;
  }

  private nextEpoch(): void {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.seen.fill(0);
      this.termStamp.fill(0);
      this.queryStamp.fill(0);
      this.filterStamp.fill(0);
      this.epoch = 1;
    }
  }

  /** Calls `apply` on every list the slot belongs in (creating them): upsert and remove agree. */
  private postings(slot: number, apply: (list: SlotList) => void): void {
    const s = this.slots;
    const anchor = this.queries.anchors[s.query[slot]!]!;
    const kind = s.placeKind[slot]!;
    const inPlace = (lists: PlaceLists) => {
      if (kind === PLACE_NONE) apply(lists.anyList());
      else if (kind === PLACE_CIRCLE)
        for (const cell of cellsCovering(s.latitude[slot]!, s.longitude[slot]!, s.radius[slot]!))
          apply(lists.cellList(cell));
      else if (kind === PLACE_DEPARTMENT) apply(lists.departmentList(s.placeCode[slot]!));
      else apply(lists.regionList(s.placeCode[slot]!));
      if (s.fullRemoteAnywhere[slot] === 1) apply(lists.fullRemoteList());
    };
    if (anchor !== null) {
      for (const term of anchor) {
        while (this.byTerm.length <= term) this.byTerm.push(undefined);
        inPlace((this.byTerm[term] ??= new PlaceLists()));
      }
      return;
    }
    const romeCodes = this.filters.all[s.filters[slot]!]!.romeCodes;
    if (kind !== PLACE_NONE) inPlace(this.keywordless);
    else if (romeCodes.length > 0)
      for (const code of romeCodes) apply(this.keywordless.romeList(this.code(`m${code}`)));
    else apply(this.keywordless.anyList());
  }

  /** Interned place labels, clipped as the explanation shows them (-1: none). */
  private label(label: string | null): number {
    if (label === null) return -1;
    let id = this.labelIds.get(label);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(label.length <= 200 ? label : label.slice(0, 200));
      this.labelIds.set(label, id);
    }
    return id;
  }

  private code(key: string): number {
    let id = this.codes.get(key);
    if (id === undefined) {
      id = this.codes.size;
      this.codes.set(key, id);
    }
    return id;
  }
}

function widen(a: Uint32Array<ArrayBuffer>, index: number): Uint32Array<ArrayBuffer> {
  let n = a.length;
  while (n <= index) n *= 2;
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}

/** Grows a memo array by pushing: assigning far past its end would make it sparse (slow). */
function densify<T>(a: Array<T | null>, n: number): void {
  while (a.length < n) a.push(null);
}

function widenBytes(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
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
