import type { InternedFilters } from './alert-filters';
import type { EnginePlace } from './alert-engine';

export const PLACE_NONE = 0;
export const PLACE_CIRCLE = 1;
export const PLACE_DEPARTMENT = 2;
export const PLACE_REGION = 3;

/** Int32 fields of a slot's hot record (`hot[slot * HOT + field]`). */
export const HOT = 8;
/** The epoch of the last offer that reached the slot (the engine's dedup stamp). */
export const H_SEEN = 0;
/** Contract mask (bits 0–15) | working-time mask << 16 | remote mask << 24. */
export const H_MASKS = 1;
/** Minimum annual salary, -1 for none. */
export const H_MIN_SALARY = 2;
/** Place kind (bits 0–1) | unsalaried accepted << 2 | full-remote rule << 3. */
export const H_FLAGS = 3;
/** Department or region code id (-1 for no place); for a circle, H_CIRCLE_LATITUDE instead. */
export const H_PLACE_CODE = 4;
/**
 * A circle's centre latitude in micro-degrees (rounded), in the field a department or region
 * uses for its code: with H_CIRCLE_BAND, the latitude band a candidate is checked on without
 * reading its `geo` record (a second cache miss).
 */
export const H_CIRCLE_LATITUDE = 4;
/** ROME / company check (FiltersInterner.checks; 0: none). */
export const H_CHECK = 5;
export const H_QUERY = 6;
/**
 * A circle's latitude half-band in micro-degrees: its radius over the km of a degree, rounded up
 * with a margin, so that |Δ latitude| within it is implied by the exact band (never narrower:
 * a looser band only sends more candidates to the exact distance).
 */
export const H_CIRCLE_BAND = 7;
export const F_UNSALARIED = 4;
export const F_FULL_REMOTE = 8;
/**
 * Float64 fields of a slot's cold record (`geo[slot * GEO + field]`): a circle's exact centre and
 * radius, read only for a circle whose query holds, and the place label id of any place (-1:
 * none), read only to explain.
 */
export const GEO = 4;
export const G_LATITUDE = 0;
export const G_LONGITUDE = 1;
export const G_RADIUS = 2;
export const G_LABEL = 3;

/** Micro-degrees of latitude, as H_CIRCLE_LATITUDE holds them (the offer's, to compare). */
export const microDegrees = (degrees: number) => Math.round(degrees * 1e6);

/**
 * The half-band for a radius: ceil(radius / kmPerDegree in µ°) + 2 covers the two roundings
 * (½ µ° each) and float error; capped far above any latitude difference (180°).
 */
const circleBand = (radiusKm: number, kmPerDegree: number) =>
  Math.min(1_000_000_000, Math.ceil((radiusKm / kmPerDegree) * 1e6) + 2);

/** The offer's contract, working-time and remote bits placed as in H_MASKS. */
export const offerMasks = (contract: number, workingTime: number, remote: number) =>
  [contract, (workingTime & 0xff) << 16, (remote & 0xff) << 24] as const;

/**
 * Alerts as fixed-size records in typed arrays, one slot each (free slots reused), no object per
 * alert. Candidates are random slots of a million, so each array read is a cache miss: what a
 * candidate is checked on (masks, salary, place kind and code or latitude band, query, check)
 * sits in one 32-byte record, the circle's exact coordinates in a second one, read only for the
 * circles whose query holds. 64 bytes a slot, plus
 * its id and filters index.
 */
export class AlertSlots {
  capacity = 1024;
  ids: string[] = [];
  hot = new Int32Array(this.capacity * HOT);
  geo = new Float64Array(this.capacity * GEO);
  /** Interned filters (for explanations only). */
  private filterIndex = new Int32Array(this.capacity);
  private readonly freed: number[] = [];
  private next = 0;

  /** `kmPerDegree`: the engine's lower bound of the km in a degree of latitude (its band). */
  constructor(private readonly kmPerDegree: number) {}

  add(
    id: string,
    query: number,
    filters: InternedFilters,
    fullRemoteAnywhere: boolean,
    place: EnginePlace | null,
    placeCode: number,
    label: number,
  ): number {
    const slot = this.freed.pop() ?? this.next++;
    if (slot >= this.capacity) this.grow();
    this.ids[slot] = id;
    this.filterIndex[slot] = filters.index;
    const h = slot * HOT;
    const hot = this.hot;
    hot[h + H_SEEN] = 0;
    hot[h + H_MASKS] =
      (filters.contractMask & 0xffff) |
      ((filters.workingTimeMask & 0xff) << 16) |
      ((filters.remoteMask & 0xff) << 24);
    hot[h + H_MIN_SALARY] = filters.minAnnualSalary ?? -1;
    const kind =
      place === null
        ? PLACE_NONE
        : place.kind === 'circle'
          ? PLACE_CIRCLE
          : place.kind === 'department'
            ? PLACE_DEPARTMENT
            : PLACE_REGION;
    hot[h + H_FLAGS] =
      kind | (filters.includeUnsalaried ? F_UNSALARIED : 0) | (fullRemoteAnywhere ? F_FULL_REMOTE : 0);
    const circle = place?.kind === 'circle' ? place : null;
    hot[h + H_PLACE_CODE] = circle === null ? placeCode : microDegrees(circle.latitude);
    hot[h + H_CHECK] = filters.check;
    hot[h + H_QUERY] = query;
    hot[h + H_CIRCLE_BAND] = circle === null ? 0 : circleBand(circle.radiusKm, this.kmPerDegree);
    const g = slot * GEO;
    this.geo[g + G_LATITUDE] = circle?.latitude ?? 0;
    this.geo[g + G_LONGITUDE] = circle?.longitude ?? 0;
    this.geo[g + G_RADIUS] = circle?.radiusKm ?? 0;
    this.geo[g + G_LABEL] = label;
    return slot;
  }

  free(slot: number): void {
    this.ids[slot] = '';
    this.hot[slot * HOT + H_QUERY] = -1;
    this.filterIndex[slot] = -1;
    this.freed.push(slot);
  }

  /** Slots handed out so far (live or freed): the bound of every slot number. */
  get end(): number {
    return this.next;
  }

  /**
   * Moves every live slot `s` to `newOf[s]` (0…count-1, freed slots have -1), dropping the free
   * ones: the records of the alerts one posting list holds become neighbours. Capacity shrinks to
   * the count plus an eighth.
   */
  renumber(newOf: Int32Array, count: number): void {
    const capacity = Math.max(1024, count + (count >>> 3));
    const hot = new Int32Array(capacity * HOT);
    const geo = new Float64Array(capacity * GEO);
    const filterIndex = new Int32Array(capacity);
    const ids = new Array<string>(count);
    for (let slot = 0; slot < this.next; slot++) {
      const to = newOf[slot]!;
      if (to < 0) continue;
      for (let f = 0; f < HOT; f++) hot[to * HOT + f] = this.hot[slot * HOT + f]!;
      for (let f = 0; f < GEO; f++) geo[to * GEO + f] = this.geo[slot * GEO + f]!;
      filterIndex[to] = this.filterIndex[slot]!;
      ids[to] = this.ids[slot]!;
    }
    this.capacity = capacity;
    this.hot = hot;
    this.geo = geo;
    this.filterIndex = filterIndex;
    this.ids = ids;
    this.next = count;
    this.freed.length = 0;
  }

  /** Forgets every dedup stamp (when the engine's epoch wraps). */
  clearSeen(): void {
    for (let h = H_SEEN; h < this.hot.length; h += HOT) this.hot[h] = 0;
  }

  placeKind(slot: number): number {
    return this.hot[slot * HOT + H_FLAGS]! & 3;
  }

  fullRemoteAnywhere(slot: number): boolean {
    return (this.hot[slot * HOT + H_FLAGS]! & F_FULL_REMOTE) !== 0;
  }

  placeCode(slot: number): number {
    return this.hot[slot * HOT + H_PLACE_CODE]!;
  }

  query(slot: number): number {
    return this.hot[slot * HOT + H_QUERY]!;
  }

  label(slot: number): number {
    return this.geo[slot * GEO + G_LABEL]!;
  }

  filters(slot: number): number {
    return this.filterIndex[slot]!;
  }

  latitude(slot: number): number {
    return this.geo[slot * GEO + G_LATITUDE]!;
  }

  longitude(slot: number): number {
    return this.geo[slot * GEO + G_LONGITUDE]!;
  }

  radius(slot: number): number {
    return this.geo[slot * GEO + G_RADIUS]!;
  }

  private grow(): void {
    this.capacity *= 2;
    const hot = new Int32Array(this.capacity * HOT);
    hot.set(this.hot);
    this.hot = hot;
    const geo = new Float64Array(this.capacity * GEO);
    geo.set(this.geo);
    this.geo = geo;
    const filterIndex = new Int32Array(this.capacity);
    filterIndex.set(this.filterIndex);
    this.filterIndex = filterIndex;
  }
}
