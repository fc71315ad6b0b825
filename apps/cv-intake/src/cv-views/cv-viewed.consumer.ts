import { EventPattern, Payload } from '@nestjs/microservices';
import { CvViewedV1, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, type ConsumedEvent, KafkaConsumer } from '@vigie/messaging';
import { CvViewLedger } from './cv-view.port';

/** Thin adapter: validated views, in batches, into the exact counters (idempotent by view id). */
@KafkaConsumer()
export class CvViewedConsumer {
  constructor(private readonly ledger: CvViewLedger) {}

  @EventPattern(TOPICS.cvViewed, BATCH)
  async handle(@Payload() events: ConsumedEvent<CvViewedV1>[]): Promise<BatchOutcome> {
    await this.ledger.record(events.map((e) => e.value));
    return { rejected: [] };
  }
}
