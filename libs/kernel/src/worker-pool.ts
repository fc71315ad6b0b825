import { Worker } from 'node:worker_threads';

export interface WorkerPoolSettings {
  /** The worker's script (compiled JavaScript). */
  script: string;
  /** Given to every worker as `workerData`. */
  workerData?: unknown;
  size: number;
  /** Heap of each worker: past it the worker dies, the service does not. */
  heapMb: number;
  /** Young generation of each worker in MiB (V8's default when absent): bounds its RSS further. */
  youngHeapMb?: number;
  /** Longest task, counted from the moment a worker starts it; then the worker is terminated. */
  timeoutMs: number;
}

/** How a task ended: its answer, or why the worker running it was lost. */
export type TaskResult<R> =
  | { kind: 'done'; value: R }
  | { kind: 'failed'; reason: 'timeout' | 'heap_limit' | 'crashed' | 'error'; detail: string };

interface Task {
  message: unknown;
  transfer: ArrayBuffer[];
  settle: (result: TaskResult<unknown>) => void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
  timer: NodeJS.Timeout | undefined;
  /** The worker has booted: a task's clock only runs from then (a loaded machine boots slowly). */
  online: boolean;
}

/**
 * A small pool of `worker_threads` (no pool library is in the dependencies), one task per worker at
 * a time, FIFO. Each worker has its own V8 heap limit (`resourceLimits`): a document that makes the
 * extractor allocate without end kills its worker only. A worker that dies, exceeds its heap or
 * outlives the timeout (counted once it has booted; terminated: its work really stops) fails its task and is replaced before
 * the next one. The worker answers `{ ok: true, value }` or `{ ok: false, error }` per message.
 */
export class WorkerPool<R> {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(private readonly settings: WorkerPoolSettings) {}

  run(message: unknown, transfer: ArrayBuffer[] = []): Promise<TaskResult<R>> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ message, transfer, settle: resolve as (r: TaskResult<unknown>) => void });
      this.dispatch();
    });
  }

  /** Workers alive now (for tests and logs). */
  get liveWorkers(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = failed('crashed', 'the service is stopping');
    for (const task of this.queue.splice(0)) task.settle(stopping);
    await Promise.all([...this.slots].map((s) => this.retire(s, stopping)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === undefined);
      if (!slot && this.slots.length < this.settings.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      if (slot.online) this.startClock(slot);
      // A busy worker keeps the process alive until it answers; an idle one never does.
      slot.worker.ref();
      slot.worker.postMessage(task.message, task.transfer);
    }
  }

  /** The task's timeout, counted from when its worker can start on it. */
  private startClock(slot: Slot): void {
    slot.timer = setTimeout(() => {
      void this.retire(slot, failed('timeout', `no answer within ${this.settings.timeoutMs} ms`));
    }, this.settings.timeoutMs);
  }

  private spawn(): Slot {
    const worker = new Worker(this.settings.script, {
      workerData: this.settings.workerData,
      resourceLimits: {
        maxOldGenerationSizeMb: this.settings.heapMb,
        ...(this.settings.youngHeapMb !== undefined && {
          maxYoungGenerationSizeMb: this.settings.youngHeapMb,
        }),
      },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, task: undefined, timer: undefined, online: false };
    worker.once('online', () => {
      slot.online = true;
      if (slot.task && !slot.timer) this.startClock(slot);
    });
    worker.on('message', (answer: { ok: boolean; value?: unknown; error?: string }) => {
      const task = this.finish(slot);
      task?.settle(
        answer.ok ? { kind: 'done', value: answer.value } : failed('error', answer.error ?? 'error'),
      );
      this.dispatch();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const heap = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.retire(slot, failed(heap ? 'heap_limit' : 'crashed', e.message));
    });
    worker.on('exit', (code) => {
      void this.retire(slot, failed('crashed', `the worker exited with ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** Ends the slot's task (if any) and gives it back. */
  private finish(slot: Slot): Task | undefined {
    clearTimeout(slot.timer);
    slot.worker.unref();
    const task = slot.task;
    slot.task = undefined;
    slot.timer = undefined;
    return task;
  }

  /** Takes a worker out of the pool (its task fails with `result`), then serves the queue again. */
  private async retire(slot: Slot, result: TaskResult<unknown>): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    this.finish(slot)?.settle(result);
    slot.worker.removeAllListeners('message');
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

const failed = (
  reason: 'timeout' | 'heap_limit' | 'crashed' | 'error',
  detail: string,
): TaskResult<never> => ({
  kind: 'failed',
  reason,
  detail,
});
