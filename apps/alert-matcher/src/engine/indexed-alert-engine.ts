import type { MatchExplanationV2 } from '@vigie/contracts';
import { distanceKm, EARTH_RADIUS_KM } from '@vigie/geo';
import type { AlertEngine, EngineAlert, EngineHits, EngineMatch, MatchableOffer } from './alert-engine';
import { explainAll, HitBuffer } from './engine-hits';
import { checkHolds, contractBit, FiltersInterner, remoteBit, workingTimeBit } from './alert-filters';
import {
  AlertSlots,
  F_FULL_REMOTE,
  F_UNSALARIED,
  G_LATITUDE,
  G_LONGITUDE,
  G_RADIUS,
  GEO,
  H_CHECK,
  H_CIRCLE_BAND,
  H_CIRCLE_LATITUDE,
  H_FLAGS,
  H_MASKS,
  H_MIN_SALARY,
  H_PLACE_CODE,
  H_QUERY,
  H_SEEN,
  HOT,
  microDegrees,
  offerMasks,
  PLACE_CIRCLE,
  PLACE_DEPARTMENT,
  PLACE_NONE,
} from './alert-slots';
import { AlertInterner, compileAlert } from './compiled-alert';
import { CELL_LEVELS, cellsCovering, cellsOf } from './geo-cells';
import { ListTable } from './list-table';
import { NO_LIST, PlaceLists } from './place-lists';
import { PostingPool } from './posting-pool';
import { type PreparedOffer, prepareOffer } from './prepared-offer';
import { FIELD_BITS, QueryTable } from './query-table';
import { type HeldFilter, heldFilters, matchText, type MatchedTerms, shownKm } from './verify-match';

/** Estimated share of offers containing an analysed term (0–1); only its order matters. */
export type DocumentFrequency = (term: string) => number;

export interface IndexedAlertEngineOptions {
  /**
   * Picks each keyword alert's anchor term (the rarest). Fixed for the engine's life: an alert is
   * removed from the lists it was put in. Default: longer terms are taken as rarer.
   */
  readonly documentFrequency?: DocumentFrequency;
  /**
   * Alerts placed since the last renumbering after which `find` renumbers first (default: an
   * eighth of the size, at least RENUMBER_AFTER); Infinity never (a before/after of it).
   */
  readonly renumberAfter?: number;
  /**
   * Place-less keyword alerts of one query under one term from which a renumbering gives that
   * query its own list there, read only when the query holds (default QUERY_LIST_MIN).
   */
  readonly queryListMin?: number;
}

// Latitude difference alone bounds the great-circle distance from below; the margin keeps the
// shortcut strictly conservative under rounding (the exact `distanceKm` decides).
const KM_PER_DEGREE = EARTH_RADIUS_KM * (Math.PI / 180) * (1 - 1e-9);
// Memo states of a query or filters for the current offer (stale stamp: not evaluated yet).
const FAILS = 1;
const HOLDS = 2;
/**
 * Alerts placed (upserted) since the last renumbering that trigger the next one, as a share of the
 * engine's size (1/8), and at least this many: a start-up load is renumbered once, at its first
 * offer, and a running engine after an eighth of its alerts changed.
 */
const RENUMBER_AFTER = 4096;
/**
 * A query's own place-less list costs its evaluation for every offer with the term (~0.4 µs, the
 * memo's random reads and the program), saving the reads of its alerts when it fails (~0.13 µs
 * each, about half the time): worth it from about 6–8 alerts (docs/matching.md, Afternoon pass).
 */
const QUERY_LIST_MIN = 8;

/** What the engine did since it was made, for the benchmark and the profile (docs/matching.md). */
export interface EngineCounters {
  offers: number;
  /** Posting-list entries read. */
  entries: number;
  /** Distinct alerts reached (entries past the seen stamp). */
  candidates: number;
  /** Candidates past the facet masks and salary (`verifiedCandidates`). */
  verified: number;
  /** Queries evaluated (once per offer each: memoised). */
  queries: number;
  hits: number;
  renumberings: number;
  /** Place-less lists of one query made by the renumberings (PlaceLists.splitAnyByQuery). */
  queryLists: number;
}

/**
 * An inverted index over alerts. A keyword alert is listed under its anchor — one term of each
 * alternative of its rarest required term or phrase, which every offer it fits must contain —
 * crossed with where it looks (the grid cells its radius covers at one of five sizes, its
 * department or region, or anywhere, plus « full remote » when the full-remote rule applies).
 * Alerts without keywords are listed the same way under their ROME codes (each crossed with
 * where it looks), or under no term when they name none. An offer reads the lists of its terms × its cells, department, region and
 * « anywhere ». Each candidate is checked on its slot record (facet masks, salary,
 * place codes, latitude band), then on its ROME / company check and its query — each shared by
 * many alerts and evaluated once per offer (`filtersHold`'s last rules; a simple query on term-id
 * marks, any other on the marks and the terms' positions by id) — and last on the exact distance, so the answers are the
 * scan's. A hit is a slot and a distance; `explain` builds its explanation from the verifier's
 * parts (`matchText`, `heldFilters`) when the caller asks. See docs/matching.md.
 *
 * The explanations of one offer's matches share their read-only parts (terms, filters).
 */
export class IndexedAlertEngine implements AlertEngine {
  private readonly compiler = new AlertInterner();
  private readonly queries: QueryTable;
  private readonly filters = new FiltersInterner();
  /** By term id (QueryTable.termIds). */
  private readonly byTerm: Array<PlaceLists | undefined> = [];
  private readonly pool = new PostingPool();
  /** Every PlaceLists' cell, department and region lists. */
  private readonly table = new ListTable();
  /** Alerts without keywords nor ROME code: by place, or anywhere. */
  private readonly keywordless = new PlaceLists(this.pool, this.table);
  /**
   * Alerts without keywords that name ROME codes, by code id then place: an offer has one ROME
   * code and reads only its lists (listed by place alone, three in four read failed the code).
   */
  private readonly byRome = new Map<number, PlaceLists>();
  /** The lists the current offer reads, as (offset, length) pairs in the pool. */
  private ranges = new Int32Array(1024);
  private rangeCount = 0;
  private readonly codes = new Map<string, number>();
  private readonly slotOf = new Map<string, number>();
  private readonly slots = new AlertSlots(KM_PER_DEGREE);
  private readonly labels: string[] = [];
  private readonly labelIds = new Map<string, number>();
  // Per-offer memos, valid while their stamp is the current epoch.
  private epoch = 0;
  /** Term ids the current offer contains. */
  private termStamp = new Uint32Array(1024);
  /** Fields each stamped term is in (FIELD_BITS). */
  private termFields = new Uint8Array(1024);
  /** By field bit index (FIELD_BITS), each stamped term's positions there (positional queries). */
  private readonly termPositions: Array<Array<readonly number[] | undefined>> = [[], [], []];
  private offerTerms = new Int32Array(512);
  private queryStamp = new Uint32Array(256);
  private queryState = new Uint8Array(256);
  /** Matched terms of a query, valid while `termsStamp` is the epoch (built for explanations). */
  private termsStamp = new Uint32Array(256);
  private queryTerms: Array<MatchedTerms | null> = new Array<MatchedTerms | null>(256).fill(null);
  /** ROME / company checks' verdicts for the current offer (the slot decides the other filters). */
  private checkStamp = new Uint32Array(256);
  private checkState = new Uint8Array(256);
  private heldStamp = new Uint32Array(256);
  private filterHeld: Array<HeldFilter[] | null> = new Array<HeldFilter[] | null>(256).fill(null);
  private prepared: PreparedOffer | null = null;
  private readonly hits: HitBuffer = new HitBuffer(
    (i): string => this.slots.ids[this.hits.slot(i)]!,
    (i): MatchExplanationV2 => this.explain(i),
  );
  private readonly offerCells = new Int32Array(CELL_LEVELS.length);
  private readonly alertPoint = { latitude: 0, longitude: 0 };
  private readonly offerPoint = { latitude: 0, longitude: 0 };
  readonly counters: EngineCounters = {
    offers: 0,
    entries: 0,
    candidates: 0,
    verified: 0,
    queries: 0,
    hits: 0,
    renumberings: 0,
    queryLists: 0,
  };
  private placedSinceRenumbering = 0;

  private readonly renumberAfter: number | undefined;
  private readonly queryListMin: number;

  constructor(options: IndexedAlertEngineOptions = {}) {
    this.renumberAfter = options.renumberAfter;
    this.queryListMin = options.queryListMin ?? QUERY_LIST_MIN;
    this.queries = new QueryTable(options.documentFrequency ?? ((term) => 1 / (1 + term.length)));
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Candidates that passed the facet masks, since the engine was made (for the benchmark). */
  get verifiedCandidates(): number {
    return this.counters.verified;
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
    this.slotOf.set(alert.id, slot);
    this.postings(slot, (list) => this.pool.push(list, slot));
    this.placedSinceRenumbering++;
  }

  /**
   * Renumbers the slots in the order of the posting lists (by term, then place: cells by level,
   * row, column) and lays the pool out again in that order, each list sorted. A candidate was a
   * random slot among all, so its record a cache miss; now the alerts of one list are neighbours
   * and an offer reads records and entries forwards. Answers do not change (only slot numbers);
   * `find` calls it itself once enough alerts were placed since the last one (RENUMBER_AFTER).
   * Invalidates the last `find`'s hits, as any call does. First, each term's place-less alerts of
   * a query with queryListMin or more of them move to that query's own list (readHolding).
   */
  renumber(): void {
    const queryOf = (slot: number) => this.slots.query(slot);
    for (const lists of this.byTerm)
      if (lists !== undefined) this.counters.queryLists += lists.splitAnyByQuery(this.queryListMin, queryOf);
    const newOf = new Int32Array(this.slots.end).fill(-1);
    const order: number[] = [];
    let next = 0;
    const number = (slot: number) => {
      if (newOf[slot]! < 0) newOf[slot] = next++;
    };
    const take = (list: number) => {
      order.push(list);
      this.pool.forEach(list, number);
    };
    for (const lists of this.byTerm) lists?.forEachList(take);
    this.keywordless.forEachList(take);
    for (const lists of this.byRome.values()) lists.forEachList(take);
    // Every alert is in at least one list (postings): none is left without a number.
    if (next !== this.size) throw new Error(`renumber: ${next} slots listed for ${this.size} alerts`);
    this.slots.renumber(newOf, next);
    this.pool.rebuild(order, newOf);
    for (const [id, slot] of this.slotOf) this.slotOf.set(id, newOf[slot]!);
    this.renumberQueries();
    this.hits.clear();
    this.placedSinceRenumbering = 0;
    this.counters.renumberings++;
  }

  /** Renumbers now if alerts were placed since the last time (a start-up load: its ~2 s at 1M). */
  settle(): void {
    if (this.placedSinceRenumbering > 0) this.renumber();
  }

  remove(alertId: string): void {
    const slot = this.slotOf.get(alertId);
    if (slot === undefined) return;
    this.postings(slot, (list) => this.pool.remove(list, slot));
    this.slots.free(slot);
    this.slotOf.delete(alertId);
  }

  find(offer: MatchableOffer): EngineHits {
    return this.findPrepared(prepareOffer(offer));
  }

  match(offer: MatchableOffer): EngineMatch[] {
    return explainAll(this.findPrepared(prepareOffer(offer)));
  }

  /** `match` for an offer already analysed (tests and the benchmark share one analysis). */
  matchPrepared(prepared: PreparedOffer): EngineMatch[] {
    return explainAll(this.findPrepared(prepared));
  }

  /** `find` for an offer already analysed. */
  findPrepared(prepared: PreparedOffer): EngineHits {
    if (this.placedSinceRenumbering >= (this.renumberAfter ?? Math.max(RENUMBER_AFTER, this.size >>> 3)))
      this.renumber();
    this.nextEpoch();
    this.prepared = prepared;
    this.hits.clear();
    this.fitMemos();
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
    this.rangeCount = 0;
    const visit = (list: number | undefined) => {
      if (list !== undefined && list !== NO_LIST) this.addRange(list);
    };
    const read = (lists: PlaceLists) => {
      visit(lists.any);
      if (located)
        for (let level = 0; level < CELL_LEVELS.length; level++)
          if (lists.hasLevel(level)) visit(lists.cell(this.offerCells[level]!));
      if (dep >= 0) visit(lists.department(dep));
      if (reg >= 0) visit(lists.region(reg));
      if (fullRemote) visit(lists.fullRemote);
    };
    // Mark every term first (with the fields it is in): a candidate's query reads all of them.
    const count = this.markTerms(prepared);
    const offerTerms = this.offerTerms;
    for (let i = 0; i < count; i++) {
      const lists = this.byTerm[offerTerms[i]!];
      if (lists !== undefined) {
        read(lists);
        this.readHolding(lists);
      }
    }
    read(this.keywordless);
    const romeLists = rome >= 0 ? this.byRome.get(rome) : undefined;
    if (romeLists !== undefined) read(romeLists);
    this.visit(located, dep, reg);
    this.counters.offers++;
    this.counters.hits += this.hits.count;
    return this.hits;
  }

  /** Stamps the offer's known terms with the epoch and ORs in their fields; returns their count. */
  private markTerms(prepared: PreparedOffer): number {
    const termIds = this.queries.termIds;
    if (this.termStamp.length < termIds.size) {
      this.termStamp = widen(this.termStamp, termIds.size);
      this.termFields = widenBytes(this.termFields, this.termStamp.length);
    }
    for (const positions of this.termPositions) densify(positions, this.termStamp.length);
    if (this.offerTerms.length < prepared.terms.size)
      this.offerTerms = new Int32Array(prepared.terms.size * 2);
    const { termStamp: stamp, termFields: fields, offerTerms, epoch } = this;
    let count = 0;
    for (const f of prepared.fields) {
      const bit = FIELD_BITS[f.name];
      const positions = this.termPositions[31 - Math.clz32(bit)]!;
      for (const [term, at] of f.positions) {
        const id = termIds.get(term);
        if (id === undefined) continue;
        positions[id] = at;
        if (stamp[id] !== epoch) {
          stamp[id] = epoch;
          fields[id] = bit;
          offerTerms[count++] = id;
        } else fields[id]! |= bit;
      }
    }
    return count;
  }

  /**
   * Checks the list's alerts, cheapest test first: seen stamp, facet masks, salary, the place
   * without trigonometry (code, latitude band), the shared filters and query (memoised per
   * offer), and last the exact distance. A hit is recorded as its slot and distance; its
   * explanation waits for `explain`.
   */
  private visit(located: boolean, dep: number, reg: number): void {
    const prepared = this.prepared!;
    const o = prepared.offer;
    // Locals: the loop reads them per entry, and nothing reassigns them while it runs.
    const { hot, geo } = this.slots;
    const { epoch, queryStamp, queryState, checkStamp, checkState } = this;
    const [contractB, workingTimeB, remoteB] = offerMasks(
      contractBit(o.contractType),
      workingTimeBit(o.workingTime),
      remoteBit(o.remote),
    );
    const salary = prepared.salary;
    const fullRemoteOffer = o.remote === 'full';
    const offerLat = microDegrees(o.latitude ?? 0);
    const entries = this.pool.entries;
    const ranges = this.ranges;
    let candidates = 0;
    let verified = 0;
    for (let r = 0; r < this.rangeCount; r += 2) {
      this.counters.entries += ranges[r + 1]!;
      const end = ranges[r]! + ranges[r + 1]!;
      for (let i = ranges[r]!; i < end; i++) {
        const slot = entries[i]!;
        const h = slot * HOT;
        if (hot[h + H_SEEN] === epoch) continue;
        hot[h + H_SEEN] = epoch;
        candidates++;
        const masks = hot[h + H_MASKS]!;
        if ((masks & contractB) === 0 || (masks & workingTimeB) === 0 || (masks & remoteB) === 0) continue;
        const flags = hot[h + H_FLAGS]!;
        const min = hot[h + H_MIN_SALARY]!;
        if (min >= 0 && (salary === null ? (flags & F_UNSALARIED) === 0 : salary < min)) continue;
        verified++;
        const kind = flags & 3;
        const g = slot * GEO;
        // In place as far as the cheap tests tell (a circle: within the latitude band).
        let inPlace: boolean;
        if (kind === PLACE_NONE) inPlace = true;
        else if (kind === PLACE_CIRCLE)
          inPlace = located && Math.abs(hot[h + H_CIRCLE_LATITUDE]! - offerLat) <= hot[h + H_CIRCLE_BAND]!;
        else inPlace = hot[h + H_PLACE_CODE] === (kind === PLACE_DEPARTMENT ? dep : reg);
        const remoteRule = fullRemoteOffer && (flags & F_FULL_REMOTE) !== 0;
        if (!inPlace && !remoteRule) continue;
        const c = hot[h + H_CHECK]!;
        if (c !== 0) {
          if (checkStamp[c] !== epoch) this.evaluateCheck(c);
          if (checkState[c] !== HOLDS) continue;
        }
        const q = hot[h + H_QUERY]!;
        if (queryStamp[q] !== epoch) this.evaluateQuery(q);
        if (queryState[q] !== HOLDS) continue;
        let km = -1;
        if (inPlace && kind === PLACE_CIRCLE) {
          this.alertPoint.latitude = geo[g + G_LATITUDE]!;
          this.alertPoint.longitude = geo[g + G_LONGITUDE]!;
          const d = distanceKm(this.alertPoint, this.offerPoint);
          if (d <= geo[g + G_RADIUS]!) km = d;
          else if (remoteRule) inPlace = false;
          else continue;
        }
        this.hits.push(slot, km, !inPlace);
      }
    }
    this.counters.candidates += candidates;
    this.counters.verified += verified;
  }

  /**
   * A term's place-less alerts, listed by query: a list is read only if its query holds (evaluated
   * once per offer, as a candidate's would be), so the alerts whose text fails are never reached.
   */
  private readHolding(lists: PlaceLists): void {
    const { anyQueries: queries, anyQueryLists: byQuery } = lists;
    for (let at = 0; at < queries.length; at++) {
      const q = queries[at]!;
      if (this.queryStamp[q] !== this.epoch) this.evaluateQuery(q);
      if (this.queryState[q] === HOLDS) this.addRange(byQuery[at]!);
    }
  }

  /** Queries numbered in the order the slots use them (their memos and programs read forwards). */
  private renumberQueries(): void {
    const hot = this.slots.hot;
    const end = this.slots.end * HOT;
    const used = new Uint8Array(this.queries.size);
    const first: number[] = [];
    for (let h = H_QUERY; h < end; h += HOT)
      if (used[hot[h]!] === 0) {
        used[hot[h]!] = 1;
        first.push(hot[h]!);
      }
    const newOf = this.queries.renumber(first);
    for (let h = H_QUERY; h < end; h += HOT) hot[h] = newOf[hot[h]!]!;
    for (const lists of this.byTerm) lists?.renumberQueries(newOf);
    // The memos are by query index: forget them (a stale stamp reads as « not evaluated »).
    this.queryStamp.fill(0);
    this.termsStamp.fill(0);
  }

  private addRange(list: number): void {
    const length = this.pool.length[list]!;
    if (length === 0) return;
    if (this.rangeCount + 2 > this.ranges.length) {
      const grown = new Int32Array(this.ranges.length * 2);
      grown.set(this.ranges);
      this.ranges = grown;
    }
    this.ranges[this.rangeCount++] = this.pool.offset[list]!;
    this.ranges[this.rangeCount++] = length;
  }

  private evaluateCheck(index: number): void {
    const o = this.prepared!;
    this.checkStamp[index] = this.epoch;
    this.checkState[index] = checkHolds(this.filters.checks[index]!, o.offer.romeCode, o.company)
      ? HOLDS
      : FAILS;
  }

  /** A simple query from the term marks; any other from the marks and the terms' positions. */
  private evaluateQuery(index: number): void {
    this.queryStamp[index] = this.epoch;
    this.counters.queries++;
    const q = this.queries;
    const holds = q.isSimple(index)
      ? q.holds(index, this.termStamp, this.epoch)
      : q.holdsPositional(index, this.termStamp, this.termFields, this.termPositions, this.epoch);
    this.queryState[index] = holds ? HOLDS : FAILS;
  }

  /** The explanation of the current offer's hit `i` (its terms and filters shared, built once). */
  private explain(i: number): MatchExplanationV2 {
    const s = this.slots;
    const slot = this.hits.slot(i);
    const km = this.hits.km(i);
    const kind = s.placeKind(slot);
    const label = s.label(slot);
    return {
      terms: this.matchedTerms(s.query(slot)),
      distanceKm: km < 0 ? null : shownKm(km),
      radiusKm: kind === PLACE_CIRCLE ? s.radius(slot) : null,
      placeLabel: label < 0 ? null : this.labels[label]!,
      fullRemote: this.hits.fullRemote(i),
      filters: this.heldFilters(s.filters(slot)),
    };
  }

  private matchedTerms(index: number): MatchedTerms {
    if (this.termsStamp[index] !== this.epoch) {
      this.termsStamp[index] = this.epoch;
      this.queryTerms[index] = this.queries.isSimple(index)
        ? this.queries.matchedTerms(index, this.termStamp, this.termFields, this.epoch)
        : matchText(this.queries.queries[index]!, this.prepared!);
    }
    return this.queryTerms[index]!;
  }

  private heldFilters(index: number): HeldFilter[] {
    if (this.heldStamp[index] !== this.epoch) {
      this.heldStamp[index] = this.epoch;
      this.filterHeld[index] = heldFilters(this.filters.all[index]!, this.prepared!);
    }
    return this.filterHeld[index]!;
  }

  /** Sizes the per-query and per-filters memos to the interned counts, once per offer. */
  private fitMemos(): void {
    const queries = this.queries.size;
    if (this.queryStamp.length < queries) {
      this.queryStamp = widen(this.queryStamp, queries);
      this.termsStamp = widen(this.termsStamp, this.queryStamp.length - 1);
      this.queryState = widenBytes(this.queryState, this.queryStamp.length);
      densify(this.queryTerms, this.queryStamp.length);
    }
    const filters = this.filters.all.length;
    if (this.heldStamp.length < filters) {
      this.heldStamp = widen(this.heldStamp, filters);
      densify(this.filterHeld, this.heldStamp.length);
    }
    const checks = this.filters.checks.length;
    if (this.checkStamp.length < checks) {
      this.checkStamp = widen(this.checkStamp, checks);
      this.checkState = widenBytes(this.checkState, this.checkStamp.length);
    }
  }

  private nextEpoch(): void {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.slots.clearSeen();
      this.termStamp.fill(0);
      this.queryStamp.fill(0);
      this.termsStamp.fill(0);
      this.checkStamp.fill(0);
      this.heldStamp.fill(0);
      this.epoch = 1;
    }
  }

  /** Calls `apply` on every list the slot belongs in (creating them): upsert and remove agree. */
  private postings(slot: number, apply: (list: number) => void): void {
    const s = this.slots;
    const anchor = this.queries.anchors[s.query(slot)]!;
    const kind = s.placeKind(slot);
    // A keyword alert without a place goes to its term's list of its query (readHolding).
    const inPlace = (lists: PlaceLists) => {
      if (kind === PLACE_NONE) apply(anchor === null ? lists.anyList() : lists.anyListOf(s.query(slot)));
      else if (kind === PLACE_CIRCLE)
        for (const cell of cellsCovering(s.latitude(slot), s.longitude(slot), s.radius(slot)))
          apply(lists.cellList(cell));
      else if (kind === PLACE_DEPARTMENT) apply(lists.departmentList(s.placeCode(slot)));
      else apply(lists.regionList(s.placeCode(slot)));
      if (s.fullRemoteAnywhere(slot)) apply(lists.fullRemoteList());
    };
    if (anchor !== null) {
      for (const term of anchor) {
        while (this.byTerm.length <= term) this.byTerm.push(undefined);
        inPlace((this.byTerm[term] ??= new PlaceLists(this.pool, this.table)));
      }
      return;
    }
    // Without keywords, the ROME codes (any of which the offer must carry) are the anchor.
    const romeCodes = this.filters.all[s.filters(slot)]!.romeCodes;
    if (romeCodes.length === 0) {
      inPlace(this.keywordless);
      return;
    }
    for (const code of romeCodes) {
      const id = this.code(`m${code}`);
      let lists = this.byRome.get(id);
      if (lists === undefined) this.byRome.set(id, (lists = new PlaceLists(this.pool, this.table)));
      inPlace(lists);
    }
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
