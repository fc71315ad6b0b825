import { EventPattern, Payload } from '@nestjs/microservices';
import { ErasureConfirmedV1, ErasureRequestedV1, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, type ConsumedEvent, KafkaConsumer } from '@vigie/messaging';
import { EraseCandidateUseCase } from './erase-candidate.usecase';
import { ErasureLedger } from './erasure.port';

/** Thin adapters: cv-intake erases its own data, and keeps the receipts of every service's part. */
@KafkaConsumer()
export class ErasureConsumers {
  constructor(
    private readonly eraseCandidate: EraseCandidateUseCase,
    private readonly ledger: ErasureLedger,
  ) {}

  @EventPattern(TOPICS.erasureRequested)
  erase(@Payload() event: ConsumedEvent<ErasureRequestedV1>): Promise<void> {
    return this.eraseCandidate.execute(event.value);
  }

  @EventPattern(TOPICS.erasureConfirmed, BATCH)
  async confirm(@Payload() events: ConsumedEvent<ErasureConfirmedV1>[]): Promise<BatchOutcome> {
    await this.ledger.confirm(events.map((e) => e.value));
    return { rejected: [] };
  }
}
