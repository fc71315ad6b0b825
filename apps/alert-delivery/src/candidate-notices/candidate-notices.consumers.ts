import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CandidateNotificationAddressChangedV1,
  CvContactRequestCreatedV1Record,
  CvRetentionWarningCreatedV1Record,
  CvViewSummaryCreatedV1Record,
  TOPICS,
} from '@vigie/contracts';
import { BATCH, BatchOutcome, KafkaConsumer, type ConsumedEvent } from '@vigie/messaging';
import { MetricsRegistry } from '@vigie/observability';
import { AddressChange } from './candidate-addresses.port';
import type { NoticeKind, NoticeRecord } from './candidate-notice';
import { ReceiveCandidateNoticesUseCase } from './receive-candidate-notices.usecase';
import { ProjectCandidateAddressesUseCase } from './record-candidate-notices.usecase';

const NOTHING_REJECTED: BatchOutcome = { rejected: [] };

/** Thin adapters: cv-intake's events about a candidate's CVs become e-mails to send. */
@KafkaConsumer()
export class CandidateNoticeConsumers {
  private readonly dropped;

  constructor(
    private readonly receive: ReceiveCandidateNoticesUseCase,
    metrics: MetricsRegistry,
  ) {
    this.dropped = metrics.counter(
      'cv_emails_dropped_total',
      'CV e-mail records dropped unread because their candidate was erased (its key destroyed)',
      ['kind', 'reason'],
    );
  }

  @EventPattern(TOPICS.cvViewSummaryCreated, BATCH)
  viewSummaries(@Payload() events: ConsumedEvent<CvViewSummaryCreatedV1Record>[]): Promise<BatchOutcome> {
    return this.received('view-summary', events, (e) => ({ kind: 'view-summary', record: e.value }));
  }

  @EventPattern(TOPICS.cvRetentionWarningCreated, BATCH)
  retentionWarnings(
    @Payload() events: ConsumedEvent<CvRetentionWarningCreatedV1Record>[],
  ): Promise<BatchOutcome> {
    return this.received('retention-warning', events, (e) => ({
      kind: 'retention-warning',
      record: e.value,
    }));
  }

  @EventPattern(TOPICS.cvContactRequestCreated, BATCH)
  contactRequests(
    @Payload() events: ConsumedEvent<CvContactRequestCreatedV1Record>[],
  ): Promise<BatchOutcome> {
    return this.received('contact-request', events, (e) => ({ kind: 'contact-request', record: e.value }));
  }

  private async received<E extends ConsumedEvent<unknown>>(
    kind: NoticeKind,
    events: E[],
    recordOf: (event: E) => NoticeRecord,
  ): Promise<BatchOutcome> {
    const { erased, invalid } = await this.receive.execute(events, recordOf);
    if (erased > 0) this.dropped.inc({ kind, reason: 'subject_erased' }, erased);
    return {
      rejected: invalid.map(({ item, reason }) => ({ event: item, reason, code: 'SEALED_FIELD_INVALID' })),
    };
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
