import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool, WorkerPoolSettings } from './worker-pool';

/** A worker that does what each message asks: answer, refuse, allocate without end, hang or exit. */
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.op === 'echo') parentPort.postMessage({ ok: true, value: { echoed: m.value, data: workerData } });
  if (m.op === 'refuse') parentPort.postMessage({ ok: false, error: 'PasswordException' });
  if (m.op === 'hog') { const kept = []; for (;;) kept.push(new Array(100000).fill(Math.random())); }
  if (m.op === 'hang') { for (;;) {} }
  if (m.op === 'exit') process.exit(3);
});
`;

type Answer = { echoed: unknown; data: unknown };

describe('WorkerPool (worker_threads with a heap limit and a timeout)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-pool-'));
  const script = join(dir, 'worker.js');
  writeFileSync(script, SCRIPT);
  const pools: Array<WorkerPool<Answer>> = [];
  const newPool = (settings: Partial<WorkerPoolSettings> = {}) => {
    const pool = new WorkerPool<Answer>({ script, size: 1, heapMb: 32, timeoutMs: 2_000, ...settings });
    pools.push(pool);
    return pool;
  };

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers tasks in order with one worker, given its workerData', async () => {
    const pool = newPool({ workerData: { maxEntries: 10 } });

    const answers = await Promise.all([1, 2, 3].map((value) => pool.run({ op: 'echo', value })));

    expect(answers).toEqual(
      [1, 2, 3].map((value) => ({ kind: 'done', value: { echoed: value, data: { maxEntries: 10 } } })),
    );
    expect(pool.liveWorkers).toBe(1);
  });

  it('fails a task past the heap limit, replaces the worker and serves the next task', async () => {
    const pool = newPool({ timeoutMs: 20_000 });
    // Relative to now: the Jest worker running this file may already hold other suites' heaps.
    const heapBefore = process.memoryUsage().heapUsed;

    const [hog, next] = await Promise.all([
      pool.run({ op: 'hog' }),
      pool.run({ op: 'echo', value: 'after' }),
    ]);

    expect(hog).toMatchObject({ kind: 'failed', reason: 'heap_limit' });
    expect(next).toMatchObject({ kind: 'done', value: { echoed: 'after' } });
    // This thread's heap is its own: it is still far from the worker's death.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 1024 ** 2);
  });

  it('terminates a worker past the timeout (its work really stops) and goes on', async () => {
    const pool = newPool({ timeoutMs: 300 });
    const started = Date.now();

    const [hang, next] = await Promise.all([
      pool.run({ op: 'hang' }),
      pool.run({ op: 'echo', value: 'after' }),
    ]);

    expect(hang).toMatchObject({ kind: 'failed', reason: 'timeout' });
    expect(next).toMatchObject({ kind: 'done', value: { echoed: 'after' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pool.liveWorkers).toBe(1);
  });

  it('tells a refusal from a lost worker, and replaces a worker that exits', async () => {
    const pool = newPool({ size: 2 });

    const [refused, exited] = await Promise.all([pool.run({ op: 'refuse' }), pool.run({ op: 'exit' })]);
    const after = await pool.run({ op: 'echo', value: 1 });

    expect(refused).toEqual({ kind: 'failed', reason: 'error', detail: 'PasswordException' });
    expect(exited).toMatchObject({ kind: 'failed', reason: 'crashed' });
    expect(after).toMatchObject({ kind: 'done' });
  });

  it('fails waiting tasks when closed, and refuses new ones', async () => {
    const pool = newPool({ timeoutMs: 10_000 });
    const running = pool.run({ op: 'hang' });
    const waiting = pool.run({ op: 'echo', value: 1 });

    await pool.close();

    expect(await running).toMatchObject({ kind: 'failed', reason: 'crashed' });
    expect(await waiting).toMatchObject({ kind: 'failed', reason: 'crashed' });
    await expect(pool.run({ op: 'echo', value: 2 })).rejects.toThrow('closed');
    expect(pool.liveWorkers).toBe(0);
  });
});
