/**
 * Every posting list of an engine in one Int32Array, each list a range of it (offset, length,
 * capacity by list id). Most lists hold one or two alerts (a term × a cell): as objects with
 * their own typed array they cost ~250 bytes each, here 12 bytes plus their entries. A list that
 * outgrows its range moves to the end of the pool (the end one grows in place); the hole it
 * leaves is at most its old capacity, so the pool stays within about twice its entries.
 */
export class PostingPool {
  entries = new Int32Array(1 << 16);
  offset = new Int32Array(1024);
  length = new Int32Array(1024);
  private capacity = new Int32Array(1024);
  private used = 0;
  private lists = 0;

  /** A new empty list's id. */
  create(): number {
    if (this.lists === this.offset.length) {
      const n = this.lists * 2;
      this.offset = grown(this.offset, n);
      this.length = grown(this.length, n);
      this.capacity = grown(this.capacity, n);
    }
    this.offset[this.lists] = this.used;
    return this.lists++;
  }

  push(list: number, slot: number): void {
    const length = this.length[list]!;
    if (length === this.capacity[list]) this.widen(list, length);
    this.entries[this.offset[list]! + length] = slot;
    this.length[list] = length + 1;
  }

  /** Removes one occurrence (order is not kept: lists are sets read whole). */
  remove(list: number, slot: number): void {
    const start = this.offset[list]!;
    const end = start + this.length[list]!;
    const e = this.entries;
    for (let i = start; i < end; i++) {
      if (e[i] === slot) {
        e[i] = e[end - 1]!;
        this.length[list] = end - start - 1;
        return;
      }
    }
  }

  /** Keeps only the entries `keep` accepts, in place (a list split at a renumbering). */
  retain(list: number, keep: (slot: number) => boolean): void {
    const start = this.offset[list]!;
    const end = start + this.length[list]!;
    let to = start;
    for (let i = start; i < end; i++) if (keep(this.entries[i]!)) this.entries[to++] = this.entries[i]!;
    this.length[list] = to - start;
  }

  /**
   * Lays the lists out again, in `order` (every list id once), each list's entries mapped through
   * `slotOf` and sorted: after a renumbering, one offer's reads walk the pool and the slot records
   * forwards. Capacities shrink to the lengths (the holes of moved lists go), with an eighth spare
   * at the end for the lists that grow next.
   */
  rebuild(order: readonly number[], slotOf: Int32Array): void {
    if (order.length !== this.lists) throw new Error(`rebuild: ${order.length} lists of ${this.lists}`);
    let total = 0;
    for (const list of order) total += this.length[list]!;
    const entries = new Int32Array(Math.max(1 << 16, total + (total >>> 3)));
    let used = 0;
    for (const list of order) {
      const start = this.offset[list]!;
      const length = this.length[list]!;
      for (let i = 0; i < length; i++) entries[used + i] = slotOf[this.entries[start + i]!]!;
      entries.subarray(used, used + length).sort();
      this.offset[list] = used;
      this.capacity[list] = length;
      used += length;
    }
    this.entries = entries;
    this.used = used;
  }

  /** Calls `apply` on each entry of the list. */
  forEach(list: number, apply: (slot: number) => void): void {
    const end = this.offset[list]! + this.length[list]!;
    for (let i = this.offset[list]!; i < end; i++) apply(this.entries[i]!);
  }

  private widen(list: number, length: number): void {
    const capacity = Math.max(1, length * 2);
    const start = this.offset[list]!;
    const atEnd = start + this.capacity[list]! === this.used;
    const from = atEnd ? start : this.used;
    if (from + capacity > this.entries.length) this.entries = grown(this.entries, from + capacity);
    if (!atEnd) {
      this.entries.copyWithin(from, start, start + length);
      this.offset[list] = from;
    }
    this.used = from + capacity;
    this.capacity[list] = capacity;
  }
}

function grown(a: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  let n = a.length;
  while (n < atLeast) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
