import { EventPattern, Payload } from '@nestjs/microservices';
import { AlertChangedV1, MatchCreatedV2, OfferChangedV2, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, KafkaConsumer, type ConsumedEvent } from '@vigie/messaging';
import { AlertChange } from './alert-projection.port';
import {
  ProjectAlertChangesUseCase,
  ProjectOfferChangesUseCase,
  RecordMatchesUseCase,
} from './project-changes.usecase';

const NOTHING_REJECTED: BatchOutcome = { rejected: [] };

@KafkaConsumer()
export class AlertChangedConsumer {
  constructor(private readonly project: ProjectAlertChangesUseCase) {}

  /** A null value is a tombstone (the decoder only lets it through on this compacted topic). */
  @EventPattern(TOPICS.alertChanged, BATCH)
  async handle(@Payload() events: ConsumedEvent<AlertChangedV1 | null>[]): Promise<BatchOutcome> {
    await this.project.execute(
      events.map(
        (e): AlertChange =>
          e.value === null ? { kind: 'tombstone', alertId: e.key! } : { kind: 'state', alert: e.value },
      ),
    );
    return NOTHING_REJECTED;
  }
}

@KafkaConsumer()
export class OfferChangedConsumer {
  constructor(private readonly project: ProjectOfferChangesUseCase) {}

  @EventPattern(TOPICS.offerChanged, BATCH)
  async handle(@Payload() events: ConsumedEvent<OfferChangedV2>[]): Promise<BatchOutcome> {
    await this.project.execute(events.map((e) => e.value));
    return NOTHING_REJECTED;
  }
}

@KafkaConsumer()
export class MatchCreatedV2Consumer {
  constructor(private readonly record: RecordMatchesUseCase) {}

  @EventPattern(TOPICS.matchCreatedV2, BATCH)
  async handle(@Payload() events: ConsumedEvent<MatchCreatedV2>[]): Promise<BatchOutcome> {
    await this.record.execute(events.map((e) => e.value));
    return NOTHING_REJECTED;
  }
}
