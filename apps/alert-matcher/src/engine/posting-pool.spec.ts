import fc from 'fast-check';
import { PostingPool } from './posting-pool';

const contents = (sut: PostingPool, list: number) =>
  [...sut.entries.subarray(sut.offset[list], sut.offset[list]! + sut.length[list]!)].sort((a, b) => a - b);

describe('PostingPool', () => {
  it('holds what was pushed and not removed, list by list, whatever the interleaving', () => {
    const op = fc.record({
      list: fc.nat({ max: 30 }),
      slot: fc.nat({ max: 50 }),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const sut = new PostingPool();
        const ids = Array.from({ length: 31 }, () => sut.create());
        const model = ids.map(() => [] as number[]);
        for (const { list, slot, remove } of ops) {
          if (remove) {
            sut.remove(ids[list]!, slot);
            const at = model[list]!.indexOf(slot);
            if (at >= 0) model[list]!.splice(at, 1);
          } else {
            sut.push(ids[list]!, slot);
            model[list]!.push(slot);
          }
        }
        ids.forEach((id, k) => expect(contents(sut, id)).toEqual([...model[k]!].sort((a, b) => a - b)));
      }),
      { numRuns: 200 },
    );
  });

  it('rebuilt in another order with slots renumbered, holds the renumbered slots sorted, then keeps growing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ list: fc.nat({ max: 9 }), slot: fc.nat({ max: 40 }) }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 1_000 }),
        (pushes, seed) => {
          const sut = new PostingPool();
          const ids = Array.from({ length: 10 }, () => sut.create());
          const model = ids.map(() => [] as number[]);
          for (const { list, slot } of pushes) {
            sut.push(ids[list]!, slot);
            model[list]!.push(slot);
          }
          // A permutation of the slots and a reversed list order, both from the seed.
          const slotOf = Int32Array.from({ length: 41 }, (_, s) => (s * 7 + seed) % 41);
          sut.rebuild([...ids].reverse(), slotOf);
          ids.forEach((id, k) => {
            const held = [...sut.entries.subarray(sut.offset[id], sut.offset[id]! + sut.length[id]!)];
            expect(held).toEqual(model[k]!.map((s) => slotOf[s]!).sort((a, b) => a - b));
          });
          sut.push(ids[0]!, 99);
          expect(contents(sut, ids[0]!)).toEqual(
            [...model[0]!.map((s) => slotOf[s]!), 99].sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses a rebuild order that leaves a list out', () => {
    const sut = new PostingPool();
    const first = sut.create();
    sut.create();

    expect(() => sut.rebuild([first], new Int32Array(1))).toThrow('rebuild: 1 lists of 2');
  });

  it('grows past its first buffers without losing entries', () => {
    const sut = new PostingPool();
    const lists = Array.from({ length: 3_000 }, () => sut.create());
    for (let round = 0; round < 30; round++) lists.forEach((list, k) => sut.push(list, k * 100 + round));

    expect(contents(sut, lists[2_999]!)).toEqual(Array.from({ length: 30 }, (_, r) => 299_900 + r));
    expect(sut.length[lists[0]!]).toBe(30);
  });
});
