import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { backoffDelay, sleep } from '../backoff';
import { errorMessage } from '../errors';

export interface PeriodicJobOptions {
  name: string;
  /** Pause between the end of one run and the start of the next. */
  intervalMs: number;
  /** One run; `signal` fires when the job is closed, for a long run to stop between steps. */
  run: (signal: AbortSignal) => Promise<unknown>;
  logger: Logger;
}

/**
 * Runs a job again and again in the background, one run at a time, until closed. A failed run is
 * logged and retried with backoff (capped at the interval); it never stops the loop. The job itself
 * decides what is due (from the Clock port and the database): this only paces it.
 */
export class PeriodicJob {
  private running = false;
  private loop: Promise<void> | undefined;
  private stop = new AbortController();

  constructor(private readonly options: PeriodicJobOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stop = new AbortController();
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.running = false;
    this.stop.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { name, intervalMs, logger } = this.options;
    let failures = 0;
    while (this.running) {
      let pause = intervalMs;
      try {
        await this.options.run(this.stop.signal);
        failures = 0;
      } catch (e) {
        failures += 1;
        pause = Math.min(intervalMs, backoffDelay(failures));
        logger.warn({ job: name, err: errorMessage(e), failures }, 'periodic job failed; retrying');
      }
      await sleep(pause, this.stop.signal);
    }
  }
}

/**
 * A PeriodicJob as a Nest provider: it starts when the application has booted and is closed (its
 * current run awaited) at shutdown. Subclass it to name a job and give it its run.
 */
export class ScheduledJob extends PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  onApplicationBootstrap(): void {
    this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
