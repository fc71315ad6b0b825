import { isDomainError, SubjectCipher, SubjectCipherErrorCode } from '@vigie/kernel';
import type { NoticeEvent, NoticeRecord } from './candidate-notice';
import { openNoticeRecord } from './open-notice-record';
import { RecordCandidateNoticesUseCase } from './record-candidate-notices.usecase';

export interface ReceivedNotices<T> {
  recorded: number;
  /** Records whose candidate's key is destroyed: the candidate was erased, no e-mail is sent. */
  erased: number;
  /** Records that can never be opened (tampered, or not the key's candidate): dead letters. */
  invalid: Array<{ item: T; reason: string }>;
}

type Opened = { ok: true; event: NoticeEvent } | { ok: false; code: SubjectCipherErrorCode; reason: string };

/**
 * Opens cv-intake's CV e-mail events (sealed under the candidate's key since crypto-shredding;
 * older ones clear) and records the e-mails to send. An erased candidate's record is dropped —
 * nothing to send, nothing to retry; an invalid envelope goes to the dead letters. Any other
 * failure (the key store down) is thrown, so the batch is retried.
 */
export class ReceiveCandidateNoticesUseCase {
  constructor(
    private readonly cipher: SubjectCipher,
    private readonly record: RecordCandidateNoticesUseCase,
  ) {}

  async execute<T>(items: readonly T[], recordOf: (item: T) => NoticeRecord): Promise<ReceivedNotices<T>> {
    const opened = await Promise.all(items.map((item) => this.open(recordOf(item))));
    const events: NoticeEvent[] = [];
    const received: ReceivedNotices<T> = { recorded: 0, erased: 0, invalid: [] };
    opened.forEach((result, i) => {
      if (result.ok) events.push(result.event);
      else if (result.code === 'subject-erased') received.erased += 1;
      else received.invalid.push({ item: items[i]!, reason: result.reason });
    });
    if (events.length > 0) received.recorded = await this.record.execute(events);
    return received;
  }

  private async open(source: NoticeRecord): Promise<Opened> {
    try {
      return { ok: true, event: await openNoticeRecord(this.cipher, source) };
    } catch (error) {
      if (!isDomainError<SubjectCipherErrorCode>(error, ['subject-erased', 'envelope-invalid'])) throw error;
      return { ok: false, code: error.code, reason: error.message };
    }
  }
}
