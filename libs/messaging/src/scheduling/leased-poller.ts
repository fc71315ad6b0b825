import type { Clock } from '@vigie/kernel';
import type { Logger } from 'pino';
import { errorMessage } from '../errors';

/** What a poller drains: how to lease due items, and how to work one. */
export interface LeasedItems<Claim> {
  /** Leases up to `limit` items due at `now`, held by this replica until `leaseUntil`. */
  claim: (now: Date, leaseUntil: Date, limit: number) => Promise<readonly Claim[]>;
  /** Works one claimed item and records its outcome, which releases (or keeps) the lease. */
  work: (claim: Claim) => Promise<void>;
}

export interface LeaseSettings {
  /** Items worked at once; also how many are claimed at a time. */
  concurrency: number;
  /** How long a claim stays this replica's: longer than the longest `work`. */
  leaseMs: number;
}

/**
 * Drains what is due under leases, a few items at a time: claims up to `concurrency` items
 * (another replica skips them while the lease lives), works them side by side, and claims again
 * until nothing is due or the stop signal fires. One item's failure is logged and does not stop
 * the others nor the drain: its lease, not released, keeps it from being claimed again at once, and
 * it runs out, so the item is retried later. A failing claim (database down) throws, for the
 * caller's loop (PeriodicJob) to retry with backoff.
 */
export class LeasedPoller<Claim> {
  /** `name` is the poller's in the logs. */
  constructor(
    private readonly name: string,
    private readonly lease: LeaseSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly items: LeasedItems<Claim>,
  ) {}

  /** Returns how many items this drain claimed. */
  async drain(signal?: AbortSignal): Promise<number> {
    const { claim, work } = this.items;
    const { concurrency, leaseMs } = this.lease;
    const { clock, logger, name } = this;
    let total = 0;
    // Stopping between batches: a shutdown waits for the items in hand, never for the backlog.
    while (!signal?.aborted) {
      const now = clock.now();
      const claimed = await claim(now, new Date(now.getTime() + leaseMs), concurrency);
      if (claimed.length === 0) break;
      const settled = await Promise.allSettled(claimed.map((c) => work(c)));
      for (const s of settled) {
        if (s.status === 'rejected')
          logger.error(
            { poller: name, err: errorMessage(s.reason) },
            'leased item failed; its lease runs out',
          );
      }
      total += claimed.length;
    }
    return total;
  }
}
