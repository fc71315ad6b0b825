/** No list (list ids are ≥ 0). */
export const NO_LIST = -1;

const INITIAL_BITS = 16;

/**
 * (owner, place key) → posting-list id for every PlaceLists of an engine, in one open-addressing
 * table of typed arrays (linear probing, at most 3/4 full, nothing is ever deleted: lists outlive
 * their alerts). An offer looks up each of its terms × its cells, department and region: with a
 * JS `Map` per term that was ~12 % of `find` (hashing, bucket chains, a Map entry of ~40 B per
 * list); here one hash and, mostly, one probe in flat arrays, 12 B a slot.
 */
export class ListTable {
  private owners = new Int32Array(1 << INITIAL_BITS).fill(-1);
  private places = new Int32Array(1 << INITIAL_BITS);
  private lists = new Int32Array(1 << INITIAL_BITS);
  private shift = 32 - INITIAL_BITS;
  private count = 0;
  private nextOwner = 0;

  /** A new owner id (one per PlaceLists). */
  newOwner(): number {
    return this.nextOwner++;
  }

  get(owner: number, place: number): number {
    const mask = this.owners.length - 1;
    for (let i = slotOf(owner, place, this.shift); ; i = (i + 1) & mask) {
      const o = this.owners[i]!;
      if (o === owner && this.places[i] === place) return this.lists[i]!;
      if (o === -1) return NO_LIST;
    }
  }

  /** Adds a key that is not in the table (the caller looked it up first). */
  add(owner: number, place: number, list: number): void {
    if ((this.count + 1) * 4 > this.owners.length * 3) this.grow();
    this.insert(owner, place, list);
    this.count++;
  }

  private insert(owner: number, place: number, list: number): void {
    const mask = this.owners.length - 1;
    let i = slotOf(owner, place, this.shift);
    while (this.owners[i] !== -1) i = (i + 1) & mask;
    this.owners[i] = owner;
    this.places[i] = place;
    this.lists[i] = list;
  }

  private grow(): void {
    const { owners, places, lists } = this;
    const n = owners.length * 2;
    this.owners = new Int32Array(n).fill(-1);
    this.places = new Int32Array(n);
    this.lists = new Int32Array(n);
    this.shift--;
    for (let i = 0; i < owners.length; i++)
      if (owners[i] !== -1) this.insert(owners[i]!, places[i]!, lists[i]!);
  }
}

/**
 * Both keys mixed by MurmurHash3's 32-bit finaliser: owners and cell keys are small structured
 * integers (consecutive ids, row and column bit fields), which a bare multiply spreads into long
 * probe runs. The top bits index the table.
 */
function slotOf(owner: number, place: number, shift: number): number {
  let h = Math.imul(owner, 0x9e3779b1) ^ place;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> shift;
}
