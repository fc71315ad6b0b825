import type { InternedFilters } from './alert-filters';
import type { EnginePlace } from './alert-engine';

export const PLACE_NONE = 0;
export const PLACE_CIRCLE = 1;
export const PLACE_DEPARTMENT = 2;
export const PLACE_REGION = 3;

/**
 * Alerts as struct-of-arrays records, one slot each (free slots reused): what a candidate is
 * checked on without touching an object — facet masks, minimum salary, place — and the indexes
 * of its query and filters, shared with other alerts. 60 bytes a slot, plus its id.
 */
export class AlertSlots {
  capacity = 1024;
  ids: string[] = [];
  query = new Int32Array(this.capacity);
  filters = new Int32Array(this.capacity);
  /** Its ROME / company check (FiltersInterner.checks; 0: none). */
  check = new Int32Array(this.capacity);
  /** The full-remote rule applies (a place, and remote accepts full). */
  fullRemoteAnywhere = new Uint8Array(this.capacity);
  contract = new Uint16Array(this.capacity);
  workingTime = new Uint8Array(this.capacity);
  remote = new Uint8Array(this.capacity);
  /** NaN: no minimum. */
  minSalary = new Float64Array(this.capacity);
  unsalaried = new Uint8Array(this.capacity);
  placeKind = new Uint8Array(this.capacity);
  latitude = new Float64Array(this.capacity);
  longitude = new Float64Array(this.capacity);
  radius = new Float64Array(this.capacity);
  /** Department or region code id (-1 for a circle or no place). */
  placeCode = new Int32Array(this.capacity);
  /** Place label id (-1: none). */
  label = new Int32Array(this.capacity);
  private readonly freed: number[] = [];
  private next = 0;

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
    this.query[slot] = query;
    this.filters[slot] = filters.index;
    this.check[slot] = filters.check;
    this.fullRemoteAnywhere[slot] = fullRemoteAnywhere ? 1 : 0;
    this.contract[slot] = filters.contractMask;
    this.workingTime[slot] = filters.workingTimeMask;
    this.remote[slot] = filters.remoteMask;
    this.minSalary[slot] = filters.minAnnualSalary ?? Number.NaN;
    this.unsalaried[slot] = filters.includeUnsalaried ? 1 : 0;
    this.placeKind[slot] =
      place === null
        ? PLACE_NONE
        : place.kind === 'circle'
          ? PLACE_CIRCLE
          : place.kind === 'department'
            ? PLACE_DEPARTMENT
            : PLACE_REGION;
    this.latitude[slot] = place?.kind === 'circle' ? place.latitude : 0;
    this.longitude[slot] = place?.kind === 'circle' ? place.longitude : 0;
    this.radius[slot] = place?.kind === 'circle' ? place.radiusKm : 0;
    this.placeCode[slot] = placeCode;
    this.label[slot] = label;
    return slot;
  }

  free(slot: number): void {
    this.ids[slot] = '';
    this.query[slot] = -1;
    this.filters[slot] = -1;
    this.freed.push(slot);
  }

  private grow(): void {
    this.capacity *= 2;
    const n = this.capacity;
    const widen = <A extends Int32Array | Uint16Array | Uint8Array | Float64Array>(
      a: A,
      make: (n: number) => A,
    ) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.query = widen(this.query, (k) => new Int32Array(k));
    this.filters = widen(this.filters, (k) => new Int32Array(k));
    this.check = widen(this.check, (k) => new Int32Array(k));
    this.fullRemoteAnywhere = widen(this.fullRemoteAnywhere, (k) => new Uint8Array(k));
    this.contract = widen(this.contract, (k) => new Uint16Array(k));
    this.workingTime = widen(this.workingTime, (k) => new Uint8Array(k));
    this.remote = widen(this.remote, (k) => new Uint8Array(k));
    this.minSalary = widen(this.minSalary, (k) => new Float64Array(k));
    this.unsalaried = widen(this.unsalaried, (k) => new Uint8Array(k));
    this.placeKind = widen(this.placeKind, (k) => new Uint8Array(k));
    this.latitude = widen(this.latitude, (k) => new Float64Array(k));
    this.longitude = widen(this.longitude, (k) => new Float64Array(k));
    this.radius = widen(this.radius, (k) => new Float64Array(k));
    this.placeCode = widen(this.placeCode, (k) => new Int32Array(k));
    this.label = widen(this.label, (k) => new Int32Array(k));
  }
}
