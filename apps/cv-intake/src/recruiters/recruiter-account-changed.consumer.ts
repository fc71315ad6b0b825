import { EventPattern, Payload } from '@nestjs/microservices';
import { RecruiterAccountChangedV1, TOPICS } from '@vigie/contracts';
import { BATCH, BatchOutcome, type ConsumedEvent, KafkaConsumer } from '@vigie/messaging';
import { RecruiterAccounts } from './recruiter-accounts.port';

/** Thin adapter: recruiter account snapshots (from offer-ingestion) into the local projection. */
@KafkaConsumer()
export class RecruiterAccountChangedConsumer {
  constructor(private readonly accounts: RecruiterAccounts) {}

  @EventPattern(TOPICS.recruiterAccountChanged, BATCH)
  async handle(@Payload() events: ConsumedEvent<RecruiterAccountChangedV1 | null>[]): Promise<BatchOutcome> {
    // Accounts are never erased by tombstone today (offer-ingestion only disables them).
    await this.accounts.apply(events.flatMap((e) => (e.value ? [e.value] : [])));
    return { rejected: [] };
  }
}
