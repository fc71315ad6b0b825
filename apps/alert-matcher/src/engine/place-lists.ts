import { levelOf } from './geo-cells';
import { SlotList } from './slot-list';

/**
 * The posting lists under one term (or under no term): by grid cell, department, region, ROME
 * code, « anywhere » and « full remote ». `levels` has a bit per cell level that holds a list, so an
 * offer skips the levels a term has no alert at.
 */
export class PlaceLists {
  any: SlotList | undefined;
  fullRemote: SlotList | undefined;
  readonly cells = new Map<number, SlotList>();
  readonly departments = new Map<number, SlotList>();
  readonly regions = new Map<number, SlotList>();
  readonly romes = new Map<number, SlotList>();
  private levels = 0;

  hasLevel(level: number): boolean {
    return (this.levels & (1 << level)) !== 0;
  }

  anyList(): SlotList {
    return (this.any ??= new SlotList());
  }

  fullRemoteList(): SlotList {
    return (this.fullRemote ??= new SlotList());
  }

  cellList(cell: number): SlotList {
    this.levels |= 1 << levelOf(cell);
    return listIn(this.cells, cell);
  }

  departmentList(code: number): SlotList {
    return listIn(this.departments, code);
  }

  regionList(code: number): SlotList {
    return listIn(this.regions, code);
  }

  romeList(code: number): SlotList {
    return listIn(this.romes, code);
  }
}

function listIn(lists: Map<number, SlotList>, key: number): SlotList {
  let list = lists.get(key);
  if (list === undefined) {
    list = new SlotList();
    lists.set(key, list);
  }
  return list;
}
