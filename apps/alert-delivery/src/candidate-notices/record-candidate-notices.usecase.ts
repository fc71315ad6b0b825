import { Clock } from '@vigie/kernel';
import { noticeOf, NoticeEvent } from './candidate-notice';
import { AddressChange, CandidateAddresses } from './candidate-addresses.port';
import { CandidateNotices } from './candidate-notices.port';

/**
 * Records the CV e-mails to send from cv-intake's events: idempotent by ledger key, so a replay
 * records nothing more, and one recorded after it was sent is claimed as `already_sent`.
 */
export class RecordCandidateNoticesUseCase {
  constructor(
    private readonly notices: CandidateNotices,
    private readonly clock: Clock,
  ) {}

  execute(events: readonly NoticeEvent[]): Promise<number> {
    const receivedAt = this.clock.now();
    return this.notices.record(events.map((e) => noticeOf(e, receivedAt)));
  }
}

/** Keeps the projection candidate → verified address in step with its compacted topic. */
export class ProjectCandidateAddressesUseCase {
  constructor(private readonly addresses: CandidateAddresses) {}

  execute(changes: readonly AddressChange[]): Promise<void> {
    return this.addresses.apply(changes);
  }
}
