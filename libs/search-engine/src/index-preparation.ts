import { backoffDelay, errorMessage, sleep } from '@vigie/messaging';
import type { Logger } from 'pino';
import type { IndexHealthCheck } from './index-health';

export interface IndexPreparationOptions {
  /** Creates the index (and its alias) if missing; must be idempotent. */
  ensureIndex: () => Promise<void>;
  health: IndexHealthCheck;
  indexLabel: string;
  logger: Logger;
}

/**
 * Creates a service's index in the background, retrying with backoff until the engine answers, so
 * the service starts (not ready) while the engine is down instead of crashing at boot. This is the
 * one retry layer around index creation.
 */
export class IndexPreparation {
  private readonly stopping = new AbortController();
  private pending: Promise<void> | undefined;

  constructor(private readonly options: IndexPreparationOptions) {}

  start(): void {
    this.pending ??= this.run();
  }

  /** Stops retrying (a backoff wait ends at once) and waits for an attempt in flight. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.pending;
  }

  private async run(): Promise<void> {
    const { ensureIndex, health, indexLabel, logger } = this.options;
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await ensureIndex();
        health.indexReady = true;
        return;
      } catch (e) {
        logger.warn(
          { err: errorMessage(e), attempt },
          `search engine not ready; will retry creating the ${indexLabel} index`,
        );
        await sleep(backoffDelay(attempt), this.stopping.signal);
      }
    }
  }
}
