import fc from 'fast-check';
import { ListTable, NO_LIST } from './list-table';

describe('ListTable', () => {
  it('finds every key added, under its owner only, through the table growing', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.nat({ max: 40 }), fc.integer({ min: 0, max: 2 ** 29 })), {
          maxLength: 12_500,
          selector: ([owner, place]) => `${owner}:${place}`,
        }),
        (keys) => {
          const sut = new ListTable();
          const model = new Map<string, number>();
          keys.forEach(([owner, place], list) => {
            sut.add(owner, place, list);
            model.set(`${owner}:${place}`, list);
          });
          for (const [owner, place] of keys)
            expect(sut.get(owner, place)).toBe(model.get(`${owner}:${place}`));
          for (const [owner, place] of keys.slice(0, 50))
            if (!model.has(`${owner + 41}:${place}`)) expect(sut.get(owner + 41, place)).toBe(NO_LIST);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('answers NO_LIST when empty, and hands out distinct owner ids', () => {
    const sut = new ListTable();
    expect(sut.get(0, 0)).toBe(NO_LIST);
    expect(new Set([sut.newOwner(), sut.newOwner(), sut.newOwner()]).size).toBe(3);
  });

  it('keeps 100,000 keys of one owner (several growths) findable', () => {
    const sut = new ListTable();
    for (let i = 0; i < 100_000; i++) sut.add(7, i * 3, i);
    for (let i = 0; i < 100_000; i++) expect(sut.get(7, i * 3)).toBe(i);
    expect(sut.get(7, 1)).toBe(NO_LIST);
  });
});
