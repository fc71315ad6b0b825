import { EventPattern, Payload } from '@nestjs/microservices';
import { MatchCreatedV1, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, KafkaConsumer, type ConsumedEvent } from '@vigie/messaging';
import { DeliverMatchesUseCase } from './deliver-matches.usecase';

@KafkaConsumer()
export class MatchCreatedConsumer {
  constructor(private readonly deliver: DeliverMatchesUseCase) {}

  @EventPattern(TOPICS.matchCreated, BATCH)
  async handle(@Payload() events: ConsumedEvent<MatchCreatedV1>[]): Promise<BatchOutcome> {
    const report = await this.deliver.execute(events.map((e) => e.value));
    const byMatch = new Map(events.map((e) => [e.value.matchId, e]));
    return {
      rejected: report.poisoned.map((p) => ({
        event: byMatch.get(p.matchId)!,
        code: 'DELIVERY_FAILED',
        reason: p.reason,
      })),
    };
  }
}
