/** A growable list of alert slots in an Int32Array: 4 bytes an entry, read without allocation. */
export class SlotList {
  slots = new Int32Array(4);
  length = 0;

  push(slot: number): void {
    if (this.length === this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.length++] = slot;
  }

  /** Removes one occurrence (order is not kept: lists are sets read whole). */
  remove(slot: number): void {
    const s = this.slots;
    for (let i = 0; i < this.length; i++) {
      if (s[i] === slot) {
        s[i] = s[--this.length]!;
        return;
      }
    }
  }
}
