import { EventPattern, Payload } from '@nestjs/microservices';
import { OfferChangedV2, TOPICS } from '@vigie/contracts';
import { KafkaConsumer, BATCH, BatchOutcome, type ConsumedEvent } from '@vigie/messaging';
import { IndexOffersUseCase } from './index-offers.usecase';

/** Thin adapter: validated offer changes, in batches, to the indexing use case. */
@KafkaConsumer()
export class OfferChangedConsumer {
  constructor(private readonly indexOffers: IndexOffersUseCase) {}

  @EventPattern(TOPICS.offerChanged, BATCH)
  handle(@Payload() events: ConsumedEvent<OfferChangedV2>[]): Promise<BatchOutcome> {
    return this.indexOffers.execute(events);
  }
}
