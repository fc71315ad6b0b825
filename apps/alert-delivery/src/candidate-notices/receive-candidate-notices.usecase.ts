import { openEach, SubjectCipher } from '@vigie/kernel';
import type { NoticeRecord } from './candidate-notice';
import { openNoticeRecord } from './open-notice-record';
import { RecordCandidateNoticesUseCase } from './record-candidate-notices.usecase';

export interface ReceivedNotices<T> {
  recorded: number;
  /** Records whose candidate's key is destroyed: the candidate was erased, no e-mail is sent. */
  erased: number;
  /** Records that can never be opened (tampered, or not the key's candidate): dead letters. */
  invalid: Array<{ item: T; reason: string }>;
}

/**
 * Opens cv-intake's CV e-mail events (sealed under the candidate's key since crypto-shredding;
 * older ones clear) and records the e-mails to send. An erased candidate's record is dropped —
 * nothing to send, nothing to retry; an invalid envelope goes to the dead letters. Any other
 * failure (the key store down) is thrown, so the batch is retried (`openEach`'s policy).
 */
export class ReceiveCandidateNoticesUseCase {
  constructor(
    private readonly cipher: SubjectCipher,
    private readonly record: RecordCandidateNoticesUseCase,
  ) {}

  async execute<T>(items: readonly T[], recordOf: (item: T) => NoticeRecord): Promise<ReceivedNotices<T>> {
    const { opened, erased, invalid } = await openEach(items, (item) =>
      openNoticeRecord(this.cipher, recordOf(item)),
    );
    const recorded = opened.length > 0 ? await this.record.execute(opened) : 0;
    return { recorded, erased, invalid };
  }
}
