import { randomUUID } from 'node:crypto';
import { parseOwnedShards, shardOf } from './shards';

describe('shards', () => {
  it('puts an alert in the same shard every time, and spreads alerts evenly', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 8_000; i++) counts[shardOf(randomUUID(), 8)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    const id = randomUUID();
    expect(shardOf(id, 8)).toBe(shardOf(id, 8));
  });

  it('reads owned shards as all, ranges and lists, and refuses what is outside', () => {
    expect(parseOwnedShards('all', 4)).toEqual([0, 1, 2, 3]);
    expect(parseOwnedShards('0-3', 8)).toEqual([0, 1, 2, 3]);
    expect(parseOwnedShards('6, 0,2-3', 8)).toEqual([0, 2, 3, 6]);
    expect(() => parseOwnedShards('4-8', 8)).toThrow(/outside 0-7/);
    expect(() => parseOwnedShards('3-1', 8)).toThrow(/outside/);
    expect(() => parseOwnedShards('half', 8)).toThrow(/not a shard number/);
  });
});
