import { EventPattern, Payload } from '@nestjs/microservices';
import { OfferChangedV2, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, type ConsumedEvent, KafkaConsumer } from '@vigie/messaging';
import { WithdrawMatchesUseCase } from './withdraw-matches.usecase';

/** On the service's own group (not per shard): a withdrawal concerns every shard's matches. */
@KafkaConsumer()
export class OfferChangedConsumer {
  constructor(private readonly withdraw: WithdrawMatchesUseCase) {}

  @EventPattern(TOPICS.offerChanged, BATCH)
  handle(@Payload() events: ConsumedEvent<OfferChangedV2>[]): Promise<BatchOutcome> {
    return this.withdraw.execute(events);
  }
}
