import { EventPattern, Payload } from '@nestjs/microservices';
import { ErasureRequestedV1, TOPICS } from '@vigie/contracts';
import { type ConsumedEvent, KafkaConsumer } from '@vigie/messaging';
import { EraseCandidateDeliveriesUseCase } from './erase-candidate-deliveries.usecase';

/** Thin adapter: a candidate's erasure request, as cv-intake announces it. */
@KafkaConsumer()
export class ErasureRequestedConsumer {
  constructor(private readonly erase: EraseCandidateDeliveriesUseCase) {}

  @EventPattern(TOPICS.erasureRequested)
  async handle(@Payload() event: ConsumedEvent<ErasureRequestedV1>): Promise<void> {
    await this.erase.execute(event.value);
  }
}
