import { EventPattern, Payload } from '@nestjs/microservices';
import { CvProfileChangedV1, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, type ConsumedEvent, KafkaConsumer } from '@vigie/messaging';
import { IndexCvsUseCase } from './index-cvs.usecase';

/** Thin adapter: validated CV profile changes (and tombstones), in batches, to the indexing use case. */
@KafkaConsumer()
export class CvProfileChangedConsumer {
  constructor(private readonly indexCvs: IndexCvsUseCase) {}

  @EventPattern(TOPICS.cvProfileChanged, BATCH)
  handle(@Payload() events: ConsumedEvent<CvProfileChangedV1 | null>[]): Promise<BatchOutcome> {
    return this.indexCvs.execute(events);
  }
}
