import { FakeClock } from '@vigie/kernel';
import { BulkLoadRefresh } from './bulk-load-refresh';

const settings = { normalInterval: '1s', bulkInterval: '30s', bulkMinDocs: 200, idleMs: 5_000 };

function makeSut() {
  const clock = new FakeClock();
  const intervals: string[] = [];
  const setInterval = jest.fn(async (interval: string) => {
    intervals.push(interval);
  });
  return { sut: new BulkLoadRefresh(settings, setInterval, clock), clock, intervals, setInterval };
}

describe('BulkLoadRefresh', () => {
  it('leaves the interval alone for the small writes of live traffic', async () => {
    const { sut, intervals } = makeSut();

    await sut.beforeWrite(199);
    await sut.tick();

    expect(intervals).toEqual([]);
    expect(sut.isRelaxed).toBe(false);
  });

  it('relaxes the interval once when large writes start, however many follow', async () => {
    const { sut, intervals } = makeSut();

    await Promise.all([sut.beforeWrite(500), sut.beforeWrite(500), sut.beforeWrite(1_000)]);
    await sut.beforeWrite(200);

    expect(intervals).toEqual(['30s']);
    expect(sut.isRelaxed).toBe(true);
  });

  it('restores the usual interval only after the large writes have stopped for idleMs', async () => {
    const { sut, clock, intervals } = makeSut();
    await sut.beforeWrite(1_000);

    clock.advance(4_000);
    await sut.beforeWrite(1_000);
    clock.advance(4_999);
    await sut.tick();
    expect(intervals).toEqual(['30s']);

    clock.advance(1);
    await sut.tick();
    expect(intervals).toEqual(['30s', '1s']);
    expect(sut.isRelaxed).toBe(false);
  });

  it('relaxes again when a new bulk load starts after a restore', async () => {
    const { sut, clock, intervals } = makeSut();
    await sut.beforeWrite(1_000);
    clock.advance(5_000);
    await sut.tick();

    await sut.beforeWrite(1_000);

    expect(intervals).toEqual(['30s', '1s', '30s']);
  });

  it('tries again on the next large write when relaxing failed', async () => {
    const { sut, setInterval } = makeSut();
    setInterval.mockRejectedValueOnce(new Error('engine busy'));

    await expect(sut.beforeWrite(1_000)).rejects.toThrow('engine busy');
    expect(sut.isRelaxed).toBe(false);
    await sut.beforeWrite(1_000);

    expect(setInterval.mock.calls).toEqual([['30s'], ['30s']]);
    expect(sut.isRelaxed).toBe(true);
  });
});
