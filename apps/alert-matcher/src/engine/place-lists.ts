import { levelOf } from './geo-cells';
import type { PostingPool } from './posting-pool';

/** No list (list ids are ≥ 0). */
export const NO_LIST = -1;

/**
 * The posting lists under one term (or under no term), as list ids of the engine's PostingPool:
 * by grid cell, department, region, « anywhere » and « full remote ». `levels` has a
 * bit per cell level that holds a list, so an offer skips the levels a term has no alert at.
 */
export class PlaceLists {
  any = NO_LIST;
  fullRemote = NO_LIST;
  readonly cells = new Map<number, number>();
  readonly departments = new Map<number, number>();
  readonly regions = new Map<number, number>();
  private levels = 0;

  constructor(private readonly pool: PostingPool) {}

  hasLevel(level: number): boolean {
    return (this.levels & (1 << level)) !== 0;
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
    this.levels |= 1 << levelOf(cell);
    return this.listIn(this.cells, cell);
  }

  departmentList(code: number): number {
    return this.listIn(this.departments, code);
  }

  regionList(code: number): number {
    return this.listIn(this.regions, code);
  }

  /**
   * Every list id, in the order an offer's reads are laid out best: « anywhere », the cells by
   * level then latitude row then longitude column (neighbours stay near), departments, regions,
   * « full remote ».
   */
  forEachList(apply: (list: number) => void): void {
    if (this.any !== NO_LIST) apply(this.any);
    const byKey = (lists: Map<number, number>) =>
      [...lists.keys()].sort((a, b) => a - b).forEach((k) => apply(lists.get(k)!));
    byKey(this.cells);
    byKey(this.departments);
    byKey(this.regions);
    if (this.fullRemote !== NO_LIST) apply(this.fullRemote);
  }

  private listIn(lists: Map<number, number>, key: number): number {
    let list = lists.get(key);
    if (list === undefined) {
      list = this.pool.create();
      lists.set(key, list);
    }
    return list;
  }
}
