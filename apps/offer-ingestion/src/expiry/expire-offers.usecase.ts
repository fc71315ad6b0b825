import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@vigie/database';
import { Clock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { offerChangedEvent } from '../offers/offer-events';
import { ExpiringOffers } from './expiring-offers.port';
import { EXPIRY_POLICY, type ExpiryPolicy } from './expiry-policy';

/**
 * Expires every offer that is past its validThrough or its maximum age, in batches of one
 * transaction each: the status change and its offers.offer.changed.v2 event (status `expired`)
 * commit together. Idempotent: only active offers are taken, so a second run finds nothing.
 */
@Injectable()
export class ExpireOffersUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly expiring: ExpiringOffers,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(EXPIRY_POLICY) private readonly policy: ExpiryPolicy,
  ) {}

  /** Returns how many offers this run expired. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const cutoffs = {
      now,
      publishedBefore: new Date(now.getTime() - this.policy.maxAgeMs),
      limit: this.policy.batchSize,
    };
    let total = 0;
    for (;;) {
      const expired = await this.unitOfWork.run(async (tx) => {
        const batch = await this.expiring.expireDue(tx, cutoffs);
        await this.outbox.append(
          tx.manager,
          batch.map((e) => offerChangedEvent(e.recruiterId, e.change)),
        );
        return batch.length;
      });
      total += expired;
      if (expired < cutoffs.limit) return total;
    }
  }
}
