import { EventPattern, Payload } from '@nestjs/microservices';
import { OfferIndexedV2, TOPICS } from '@vigie/contracts';
import { KafkaConsumer, BATCH, BatchOutcome, type ConsumedEvent } from '@vigie/messaging';
import { MatchOffersUseCase } from './match-offers.usecase';

@KafkaConsumer()
export class OfferIndexedConsumer {
  constructor(private readonly matchOffers: MatchOffersUseCase) {}

  @EventPattern(TOPICS.offerIndexed, BATCH)
  handle(@Payload() events: ConsumedEvent<OfferIndexedV2>[]): Promise<BatchOutcome> {
    return this.matchOffers.execute(events);
  }
}
