import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob, sleep } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ReindexOffersUseCase, ReindexSettings } from './reindex-offers.usecase';

/**
 * Runs the generation bump in the background of every offer-indexer, from its start until the read
 * alias names the current generation: at once (the index may not exist yet: then again), and again
 * every interval while another replica holds the lock or a run failed. Indexing goes on meanwhile.
 */
export class GenerationBumpJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;
  private readonly shutdown = new AbortController();
  private settled = false;

  /** `reindexWith(pause)`: the use case, pausing before the drop with the given function. */
  constructor(
    reindexWith: (pause: (ms: number) => Promise<void>) => ReindexOffersUseCase,
    settings: ReindexSettings,
    intervalMs: number,
    logger: Logger,
  ) {
    const reindex = reindexWith((ms) => this.pauseBeforeDrop(ms));
    this.job = new PeriodicJob({
      name: 'generation-bump',
      intervalMs,
      logger,
      run: async () => {
        if (this.settled) return;
        const bump = await reindex.bumpGeneration(settings);
        this.settled = bump.outcome === 'current' || bump.outcome === 'bumped';
        if (bump.outcome === 'bumped')
          logger.info(
            { previous: bump.report.previous, next: bump.report.next, durationMs: bump.report.durationMs },
            'generation bump done',
          );
      },
    });
  }

  /**
   * The pause before the previous generation is dropped. Cut short at shutdown by a failure, so
   * the previous index is kept rather than dropped under searches still in flight (drop it by hand).
   */
  private async pauseBeforeDrop(ms: number): Promise<void> {
    await sleep(ms, this.shutdown.signal);
    if (this.shutdown.signal.aborted)
      throw new Error('shutting down before the drop: the previous generation is kept (delete it by hand)');
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.job.close();
  }
}
