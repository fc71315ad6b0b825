import { EventPattern, Payload } from '@nestjs/microservices';
import { AlertChangedV1, MatchCreatedV2Record, OfferChangedV2, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, KafkaConsumer, type ConsumedEvent } from '@vigie/messaging';
import { MetricsRegistry } from '@vigie/observability';
import { AlertChange } from './alert-projection.port';
import { ProjectAlertChangesUseCase, ProjectOfferChangesUseCase } from './project-changes.usecase';
import { ReceiveMatchesUseCase } from './receive-matches.usecase';

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
  private readonly dropped;

  constructor(
    private readonly receive: ReceiveMatchesUseCase,
    metrics: MetricsRegistry,
  ) {
    this.dropped = metrics.counter(
      'matches_dropped_total',
      'Match records dropped unread because their candidate was erased (its key destroyed)',
      ['reason'],
    );
  }

  @EventPattern(TOPICS.matchCreatedV2, BATCH)
  async handle(@Payload() events: ConsumedEvent<MatchCreatedV2Record>[]): Promise<BatchOutcome> {
    const { erased, invalid } = await this.receive.execute(events, (e) => e.value);
    if (erased > 0) this.dropped.inc({ reason: 'subject_erased' }, erased);
    return {
      rejected: invalid.map(({ item, reason }) => ({ event: item, reason, code: 'SEALED_FIELD_INVALID' })),
    };
  }
}
