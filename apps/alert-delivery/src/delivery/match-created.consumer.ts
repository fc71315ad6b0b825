import { EventPattern, Payload } from '@nestjs/microservices';
import { MatchCreatedV1, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, KafkaConsumer, type ConsumedEvent } from '@vigie/messaging';
import { DeliverMatchesUseCase } from './deliver-matches.usecase';

@KafkaConsumer()
export class MatchCreatedConsumer {
  constructor(private readonly deliver: DeliverMatchesUseCase) {}

  @EventPattern(TOPICS.matchCreated, BATCH)
  async handle(@Payload() events: ConsumedEvent<MatchCreatedV1>[]): Promise<BatchOutcome> {
    await this.deliver.execute(events.map((e) => e.value));
    return { rejected: [] };
  }
}
