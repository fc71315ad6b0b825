import { backoffDelay, sleep, TransientError } from '@vigie/messaging';
import { Clock } from '@vigie/kernel';
import { IndexingOutcome, OfferChange, toOperation } from '../indexing/index-offers.usecase';
import { IndexOutcome, OfferIndex } from '../indexing/offer-index.port';
import { OfferChangeWriter } from '../reconciliation/reconcile-index.usecase';

const ITEM_RETRIES = 4;

/** What the backfill wrote so far. */
export interface BackfillCounts {
  /** Written into the next generation. */
  written: number;
  /** Already there at this version or a newer one (a write of the running indexer got there first). */
  alreadyNewer: number;
  /** Refused by the engine (mapping errors). */
  rejected: number;
}

/**
 * Writes offers read from the database into the next generation, and nowhere else: no
 * announcement (the offers did not change, the matcher has seen them), and each document keeps
 * the `indexedAt` the current generation holds for the same version, so an offer announced again
 * later (a replayed event) is not taken for a new one.
 */
export class BackfillWriter implements OfferChangeWriter {
  readonly counts: BackfillCounts = { written: 0, alreadyNewer: 0, rejected: 0 };

  constructor(
    private readonly next: OfferIndex,
    private readonly current: OfferIndex,
    private readonly clock: Clock,
  ) {}

  async execute<C extends OfferChange>(changes: readonly C[]): Promise<IndexingOutcome<C>> {
    if (changes.length === 0) return { rejected: [] };
    const held = await this.current.held(changes.map((c) => c.value.offerId));
    const now = this.clock.now().toISOString();
    const operations = changes.map((c) => {
      const same = held.get(c.value.offerId);
      return toOperation(c.value, same?.version === c.value.version ? same.indexedAt : now);
    });
    const outcomes = await this.writeWithRetries(operations);
    const rejected: IndexingOutcome<C>['rejected'] = [];
    outcomes.forEach((o, i) => {
      if (o.status === 'applied') this.counts.written += 1;
      else if (o.status === 'stale') this.counts.alreadyNewer += 1;
      else if (o.status === 'rejected') {
        this.counts.rejected += 1;
        rejected.push({ event: changes[i]!, code: 'INDEX_REJECTED', reason: o.reason });
      }
    });
    return { rejected };
  }

  /** Retries what the engine asked to retry (429/5xx), then gives up: the reindex aborts. */
  private async writeWithRetries(operations: Parameters<OfferIndex['write']>[0]): Promise<IndexOutcome[]> {
    const outcomes = await this.next.write(operations);
    for (let attempt = 1; ; attempt++) {
      const pending = outcomes.map((o, i) => (o.status === 'retry' ? i : -1)).filter((i) => i >= 0);
      if (pending.length === 0) return outcomes;
      if (attempt > ITEM_RETRIES)
        throw new TransientError(`next generation kept refusing ${pending.length} item(s)`);
      await sleep(backoffDelay(attempt));
      const retried = await this.next.write(pending.map((i) => operations[i]!));
      pending.forEach((index, j) => (outcomes[index] = retried[j]!));
    }
  }
}
