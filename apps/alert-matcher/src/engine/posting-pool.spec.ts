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

  it('grows past its first buffers without losing entries', () => {
    const sut = new PostingPool();
    const lists = Array.from({ length: 3_000 }, () => sut.create());
    for (let round = 0; round < 30; round++) lists.forEach((list, k) => sut.push(list, k * 100 + round));

    expect(contents(sut, lists[2_999]!)).toEqual(Array.from({ length: 30 }, (_, r) => 299_900 + r));
    expect(sut.length[lists[0]!]).toBe(30);
  });
});
