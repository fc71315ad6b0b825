import { Clock } from '@vigie/kernel';

/** When the index counts as being bulk-loaded, and what its refresh interval is then. */
export interface BulkRefreshSettings {
  /** The index's usual interval: how soon a write becomes searchable (`1s`). */
  normalInterval: string;
  /** The interval during a bulk load (`30s`): fewer, larger segments, less merging. */
  bulkInterval: string;
  /** A write of at least this many operations is part of a bulk load (a backlog, a replay). */
  bulkMinDocs: number;
  /** The load is over once no such write came for this long; the usual interval is restored. */
  idleMs: number;
}

/** Changes the index's refresh interval (the adapter's part: an index settings update). */
export type SetRefreshInterval = (interval: string) => Promise<void>;

/**
 * Relaxes the refresh interval while large writes keep coming, and restores it once they stop:
 * refreshing every second costs a bulk load a new segment (and its merges) each second, while a
 * candidate sees new offers a little later during a backlog only. Indexed events do not wait for a
 * refresh (the matcher reads the event, and `held()` is a real-time get), so nothing else changes.
 * At start-up the index is set to the usual interval, in case a previous process died relaxed.
 */
export class BulkLoadRefresh {
  private relaxed = false;
  private lastBulkWriteMs = 0;
  /** A switch in flight, shared by the writes (several partitions) that arrive meanwhile. */
  private switching: Promise<void> | undefined;

  constructor(
    private readonly settings: BulkRefreshSettings,
    private readonly setInterval: SetRefreshInterval,
    private readonly clock: Clock,
  ) {}

  get isRelaxed(): boolean {
    return this.relaxed;
  }

  /** Called before each write with its size. */
  async beforeWrite(operations: number): Promise<void> {
    if (operations < this.settings.bulkMinDocs) return;
    this.lastBulkWriteMs = this.clock.nowMs();
    if (this.relaxed) return;
    this.switching ??= this.setInterval(this.settings.bulkInterval)
      .then(() => {
        this.relaxed = true;
      })
      .finally(() => {
        this.switching = undefined;
      });
    await this.switching;
  }

  /** Called periodically: restores the usual interval once the bulk load has been idle long enough. */
  async tick(): Promise<void> {
    if (this.relaxed && this.clock.nowMs() - this.lastBulkWriteMs >= this.settings.idleMs)
      await this.restore();
  }

  /** Back to the usual interval now (idle, shutdown, start-up). */
  async restore(): Promise<void> {
    await this.setInterval(this.settings.normalInterval);
    this.relaxed = false;
  }
}
