import { FakeClock } from '@vigie/kernel';
import pino from 'pino';
import { LeasedItems, LeasedPoller } from './leased-poller';

interface Claim {
  id: number;
}

/** Hands out queued ids a few at a time, as a lease would (a claimed id is not handed out again). */
function newTestPoller(
  ids: number[],
  overrides: Partial<LeasedItems<Claim>> = {},
  clock = new FakeClock('2026-12-01T08:00:00.000Z'),
) {
  const queue = [...ids];
  const claims: Array<{ now: string; leaseUntil: string; limit: number }> = [];
  const worked: number[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const sut = new LeasedPoller<Claim>('test-poller', { concurrency: 2, leaseMs: 60_000 }, clock, logger, {
    claim: async (now, leaseUntil, limit) => {
      claims.push({ now: now.toISOString(), leaseUntil: leaseUntil.toISOString(), limit });
      return queue.splice(0, limit).map((id) => ({ id }));
    },
    work: async ({ id }) => {
      worked.push(id);
    },
    ...overrides,
  });
  return { sut, claims, worked, logs, queue };
}

describe('LeasedPoller', () => {
  it('claims batches of `concurrency` under a lease from the clock until nothing is due', async () => {
    const { sut, claims, worked } = newTestPoller([1, 2, 3, 4, 5]);
    await expect(sut.drain()).resolves.toBe(5);
    expect(worked).toEqual([1, 2, 3, 4, 5]);
    expect(claims).toHaveLength(4);
    expect(claims[0]).toEqual({
      now: '2026-12-01T08:00:00.000Z',
      leaseUntil: '2026-12-01T08:01:00.000Z',
      limit: 2,
    });
  });

  it('reads the clock again for every batch', async () => {
    const clock = new FakeClock('2026-12-01T08:00:00.000Z');
    const { sut, claims } = newTestPoller(
      [1, 2, 3],
      {
        work: async () => {
          clock.advance(5_000);
        },
      },
      clock,
    );
    await sut.drain();
    expect(claims.map((c) => c.now)).toEqual([
      '2026-12-01T08:00:00.000Z',
      '2026-12-01T08:00:10.000Z',
      '2026-12-01T08:00:15.000Z',
    ]);
  });

  it('works the items of a batch side by side', async () => {
    let inFlight = 0;
    let most = 0;
    const { sut } = newTestPoller([1, 2, 3, 4], {
      work: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
      },
    });
    await sut.drain();
    expect(most).toBe(2);
  });

  it('isolates a failing item: the others of its batch and the next batches are still worked, and it is logged', async () => {
    const worked: number[] = [];
    const { sut, logs } = newTestPoller([1, 2, 3], {
      work: async ({ id }) => {
        if (id === 1) throw new Error('spool unreadable');
        worked.push(id);
      },
    });
    await expect(sut.drain()).resolves.toBe(3);
    expect(worked).toEqual([2, 3]);
    expect(logs).toContainEqual(
      expect.objectContaining({ poller: 'test-poller', err: 'Error: spool unreadable', level: 50 }),
    );
  });

  it('stops claiming once the stop signal fires, after the items in hand are done', async () => {
    const stop = new AbortController();
    const worked: number[] = [];
    const { sut, claims, queue } = newTestPoller([1, 2, 3, 4, 5], {
      work: async ({ id }) => {
        if (id === 1) stop.abort();
        await new Promise((resolve) => setImmediate(resolve));
        worked.push(id);
      },
    });
    await expect(sut.drain(stop.signal)).resolves.toBe(2);
    expect(worked).toEqual([1, 2]);
    expect(claims).toHaveLength(1);
    expect(queue).toEqual([3, 4, 5]);
  });

  it('claims nothing when stopped before it starts', async () => {
    const stop = new AbortController();
    stop.abort();
    const { sut, claims } = newTestPoller([1], {});
    await expect(sut.drain(stop.signal)).resolves.toBe(0);
    expect(claims).toEqual([]);
  });

  it('lets a failing claim through, for the caller to retry with backoff', async () => {
    const { sut } = newTestPoller([1], {
      claim: () => Promise.reject(new Error('connection refused')),
    });
    await expect(sut.drain()).rejects.toThrow('connection refused');
  });
});
