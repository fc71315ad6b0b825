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
   * Every list id, in the order an offer's reads are laid out best: « anywhere », the cells by
   * level then latitude row then longitude column (neighbours stay near), departments, regions
   * (the tagged keys sort after the cells), « full remote ».
   */
  forEachList(apply: (list: number) => void): void {
    if (this.any !== NO_LIST) apply(this.any);
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
