import { isDomainError } from '@vigie/kernel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerBatchPreparer } from './worker-batch-preparer';

/** A stand-in for the compiled worker: the recruiter id says whether to answer, refuse, crash or hang. */
const SCRIPT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ recruiterId, items }) => {
  if (recruiterId === 'crash') process.exit(7);
  if (recruiterId === 'hang') for (;;) {}
  if (recruiterId === 'refuse') parentPort.postMessage({ ok: false, error: 'TypeError: boom' });
  parentPort.postMessage({ ok: true, value: { recruiterId, rejected: [], ordered: [], screened: null, count: items.length } });
});
`;

describe('WorkerBatchPreparer (a batch prepared on a worker thread)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-preparer-'));
  const script = join(dir, 'preparer.js');
  writeFileSync(script, SCRIPT);
  const preparers: WorkerBatchPreparer[] = [];
  const newSut = (timeoutMs = 5_000) => {
    const sut = new WorkerBatchPreparer({ heapMb: 32, youngHeapMb: 4, timeoutMs, script });
    preparers.push(sut);
    return sut;
  };

  afterAll(async () => {
    await Promise.all(preparers.map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const failureOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    return isDomainError(error) ? { code: error.code, message: error.message } : error;
  };

  it('answers with what the worker prepared', async () => {
    const sut = newSut();

    const prepared = await sut.prepare('r-1', [{}, {}]);

    expect(prepared).toEqual({ recruiterId: 'r-1', rejected: [], ordered: [], screened: null, count: 2 });
  });

  it('fails the batch with IMPORT_PREPARE_FAILED when the worker crashes, then prepares the next one on a new worker', async () => {
    const sut = newSut();

    const failure = await failureOf(sut.prepare('crash', [{}]));
    const next = await sut.prepare('r-2', [{}]);

    expect(failure).toEqual({ code: 'IMPORT_PREPARE_FAILED', message: expect.stringContaining('crashed') });
    expect(next.recruiterId).toBe('r-2');
  });

  it('fails the batch with IMPORT_PREPARE_FAILED, naming the error, when preparing throws', async () => {
    const failure = await failureOf(newSut().prepare('refuse', [{}]));

    expect(failure).toEqual({
      code: 'IMPORT_PREPARE_FAILED',
      message: expect.stringContaining('TypeError: boom'),
    });
  });

  it('terminates a worker that outlives the timeout instead of hanging the import', async () => {
    const sut = newSut(300);

    const failure = await failureOf(sut.prepare('hang', [{}]));
    const next = await sut.prepare('r-3', [{}]);

    expect(failure).toEqual({ code: 'IMPORT_PREPARE_FAILED', message: expect.stringContaining('timeout') });
    expect(next.recruiterId).toBe('r-3');
  });
});
