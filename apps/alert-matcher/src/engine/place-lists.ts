import { CELL_LEVELS, levelOf } from './geo-cells';
import { type ListTable, NO_LIST } from './list-table';
import type { PostingPool } from './posting-pool';

export { NO_LIST } from './list-table';

// Place keys in the engine's ListTable: a cell key (< 2^26, geo-cells) or a tagged code id.
const DEPARTMENT = 1 << 27;
const REGION = 2 << 27;
// Bits of `held` above the cell levels' (bit `level`).
const HAS_DEPARTMENTS = 1 << CELL_LEVELS.length;
const HAS_REGIONS = HAS_DEPARTMENTS << 1;

/**
 * The posting lists under one term (or under no term), as list ids of the engine's PostingPool:
 * by grid cell, department, region, « anywhere » and « full remote ». The cell, department and
 * region lists are found through the engine's one ListTable under this owner's id; `held` has a
 * bit per cell level that holds a list and one for departments and regions, so an offer skips
 * the look-ups a term has no alert for.
 */
export class PlaceLists {
  any = NO_LIST;
  fullRemote = NO_LIST;
  /**
   * Keyword alerts without a place whose query has a list of its own under this term
   * (`splitAnyByQuery`): an offer evaluates the query (memoised) and reads the list only if it
   * holds, instead of reading every such alert to fail most of them on it. Parallel arrays.
   */
  readonly anyQueries: number[] = [];
  readonly anyQueryLists: number[] = [];
  private readonly anyQueryAt = new Map<number, number>();
  private held = 0;
  private readonly owner: number;
  /** Every place key listed, for `forEachList` (look-ups go through the table). */
  private readonly keys: number[] = [];

  constructor(
    private readonly pool: PostingPool,
    private readonly table: ListTable,
  ) {
    this.owner = table.newOwner();
  }

  hasLevel(level: number): boolean {
    return (this.held & (1 << level)) !== 0;
  }

  /** The list of a cell (NO_LIST: none). */
  cell(cell: number): number {
    return this.table.get(this.owner, cell);
  }

  department(code: number): number {
    return (this.held & HAS_DEPARTMENTS) === 0 ? NO_LIST : this.table.get(this.owner, DEPARTMENT | code);
  }

  region(code: number): number {
    return (this.held & HAS_REGIONS) === 0 ? NO_LIST : this.table.get(this.owner, REGION | code);
  }

  anyList(): number {
    if (this.any === NO_LIST) this.any = this.pool.create();
    return this.any;
  }

  /** The place-less list of a keyword alert: its query's own list if it has one, else `any`. */
  anyListOf(query: number): number {
    const at = this.anyQueryAt.get(query);
    return at === undefined ? this.anyList() : this.anyQueryLists[at]!;
  }

  /**
   * Moves the place-less alerts of every query with at least `min` of them in `any` to a list of
   * its own (`query(slot)`: the slot's QueryTable index); returns the lists made. Below `min` the
   * query's evaluation would cost more than reading its few alerts. Lists are never merged back.
   */
  splitAnyByQuery(min: number, query: (slot: number) => number): number {
    if (this.any === NO_LIST) return 0;
    const counts = new Map<number, number>();
    this.pool.forEach(this.any, (slot) => {
      const q = query(slot);
      counts.set(q, (counts.get(q) ?? 0) + 1);
    });
    let made = 0;
    for (const [q, count] of counts)
      if (count >= min) {
        this.anyQueryAt.set(q, this.anyQueries.length);
        this.anyQueries.push(q);
        this.anyQueryLists.push(this.pool.create());
        made++;
      }
    if (made === 0) return 0;
    this.pool.forEach(this.any, (slot) => {
      const at = this.anyQueryAt.get(query(slot));
      if (at !== undefined) this.pool.push(this.anyQueryLists[at]!, slot);
    });
    this.pool.retain(this.any, (slot) => !this.anyQueryAt.has(query(slot)));
    return made;
  }

  /** Follows the QueryTable's renumbering (`newOf`: old index → new, a permutation). */
  renumberQueries(newOf: Int32Array): void {
    this.anyQueryAt.clear();
    for (let at = 0; at < this.anyQueries.length; at++) {
      const query = newOf[this.anyQueries[at]!]!;
      this.anyQueries[at] = query;
      this.anyQueryAt.set(query, at);
    }
  }

  fullRemoteList(): number {
    if (this.fullRemote === NO_LIST) this.fullRemote = this.pool.create();
    return this.fullRemote;
  }

  cellList(cell: number): number {
    this.held |= 1 << levelOf(cell);
    return this.listAt(cell);
  }

  departmentList(code: number): number {
    this.held |= HAS_DEPARTMENTS;
    return this.listAt(DEPARTMENT | code);
  }

  regionList(code: number): number {
    this.held |= HAS_REGIONS;
    return this.listAt(REGION | code);
  }

  /**
   * Every list id, in the order an offer's reads are laid out best: « anywhere » (then its lists by
   * query), the cells by
   * level then latitude row then longitude column (neighbours stay near), departments, regions
   * (the tagged keys sort after the cells), « full remote ».
   */
  forEachList(apply: (list: number) => void): void {
    if (this.any !== NO_LIST) apply(this.any);
    for (const list of this.anyQueryLists) apply(list);
    this.keys.sort((a, b) => a - b);
    for (const key of this.keys) apply(this.table.get(this.owner, key));
    if (this.fullRemote !== NO_LIST) apply(this.fullRemote);
  }

  private listAt(key: number): number {
    let list = this.table.get(this.owner, key);
    if (list === NO_LIST) {
      list = this.pool.create();
      this.table.add(this.owner, key, list);
      this.keys.push(key);
    }
    return list;
  }
}
