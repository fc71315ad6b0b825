import { EventPattern, Payload } from '@nestjs/microservices';
import { MatchCreatedV1, TOPICS } from '@vigie/contracts';
import { KafkaConsumer, type ConsumedEvent } from '@vigie/messaging';
import { DeliverMatchUseCase } from './deliver-match.usecase';

@KafkaConsumer()
export class MatchCreatedConsumer {
  constructor(private readonly deliver: DeliverMatchUseCase) {}

  @EventPattern(TOPICS.matchCreated)
  async handle(@Payload() event: ConsumedEvent<MatchCreatedV1>): Promise<void> {
    await this.deliver.execute(event.value);
  }
}
