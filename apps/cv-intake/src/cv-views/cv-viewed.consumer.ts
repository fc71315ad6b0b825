import { EventPattern, Payload } from '@nestjs/microservices';
import { CvViewedV1, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, type ConsumedEvent, KafkaConsumer } from '@vigie/messaging';
import { MetricsRegistry } from '@vigie/observability';
import { RecordCvViewsUseCase } from './record-cv-views.usecase';

/** Thin adapter: validated views, in batches, into the exact counters (idempotent by view id). */
@KafkaConsumer()
export class CvViewedConsumer {
  private readonly dropped;

  constructor(
    private readonly recordViews: RecordCvViewsUseCase,
    metrics: MetricsRegistry,
  ) {
    this.dropped = metrics.counter(
      'cv_views_dropped_total',
      'View records dropped unread because their CV was erased (its key destroyed)',
      ['reason'],
    );
  }

  @EventPattern(TOPICS.cvViewed, BATCH)
  async handle(@Payload() events: ConsumedEvent<CvViewedV1>[]): Promise<BatchOutcome> {
    const { erased, invalid } = await this.recordViews.execute(events, (e) => e.value);
    if (erased > 0) this.dropped.inc({ reason: 'subject_erased' }, erased);
    return {
      rejected: invalid.map(({ item, reason }) => ({ event: item, reason, code: 'SEALED_FIELD_INVALID' })),
    };
  }
}
