import type { PreparedBatch } from '../offers/prepare-batch';
import { PublishOffersUseCase } from '../offers/publish-offers.usecase';
import { BatchPreparer } from './batch-preparer.port';

/** Prepares on the service's own thread, yielding every few offers to the commit running beside. */
export class InProcessBatchPreparer extends BatchPreparer {
  constructor(private readonly publishOffers: PublishOffersUseCase) {
    super();
  }

  prepare(recruiterId: string, items: readonly unknown[]): Promise<PreparedBatch> {
    return this.publishOffers.prepare(recruiterId, items);
  }
}
