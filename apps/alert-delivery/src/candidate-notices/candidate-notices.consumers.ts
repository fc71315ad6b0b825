import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CandidateNotificationAddressChangedV1,
  CvContactRequestCreatedV1,
  CvRetentionWarningCreatedV1,
  CvViewSummaryCreatedV1,
  TOPICS,
} from '@vigie/contracts';
import { BATCH, BatchOutcome, KafkaConsumer, type ConsumedEvent } from '@vigie/messaging';
import { AddressChange } from './candidate-addresses.port';
import {
  ProjectCandidateAddressesUseCase,
  RecordCandidateNoticesUseCase,
} from './record-candidate-notices.usecase';

const NOTHING_REJECTED: BatchOutcome = { rejected: [] };

/** Thin adapters: cv-intake's events about a candidate's CVs become e-mails to send. */
@KafkaConsumer()
export class CandidateNoticeConsumers {
  constructor(private readonly record: RecordCandidateNoticesUseCase) {}

  @EventPattern(TOPICS.cvViewSummaryCreated, BATCH)
  async viewSummaries(@Payload() events: ConsumedEvent<CvViewSummaryCreatedV1>[]): Promise<BatchOutcome> {
    await this.record.execute(events.map((e) => ({ kind: 'view-summary', event: e.value })));
    return NOTHING_REJECTED;
  }

  @EventPattern(TOPICS.cvRetentionWarningCreated, BATCH)
  async retentionWarnings(
    @Payload() events: ConsumedEvent<CvRetentionWarningCreatedV1>[],
  ): Promise<BatchOutcome> {
    await this.record.execute(events.map((e) => ({ kind: 'retention-warning', event: e.value })));
    return NOTHING_REJECTED;
  }

  @EventPattern(TOPICS.cvContactRequestCreated, BATCH)
  async contactRequests(
    @Payload() events: ConsumedEvent<CvContactRequestCreatedV1>[],
  ): Promise<BatchOutcome> {
    await this.record.execute(events.map((e) => ({ kind: 'contact-request', event: e.value })));
    return NOTHING_REJECTED;
  }
}

@KafkaConsumer()
export class NotificationAddressConsumer {
  constructor(private readonly project: ProjectCandidateAddressesUseCase) {}

  /** A null value is a tombstone (an erasure): the address goes. */
  @EventPattern(TOPICS.candidateNotificationAddressChanged, BATCH)
  async handle(
    @Payload() events: ConsumedEvent<CandidateNotificationAddressChangedV1 | null>[],
  ): Promise<BatchOutcome> {
    await this.project.execute(
      events.map(
        (e): AddressChange =>
          e.value === null
            ? { kind: 'tombstone', candidateId: e.key! }
            : {
                kind: 'address',
                candidateId: e.value.candidateId,
                email: e.value.email,
                changedAt: new Date(e.value.changedAt),
              },
      ),
    );
    return NOTHING_REJECTED;
  }
}
