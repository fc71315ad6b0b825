import type { CvViewedV1 } from '@vigie/contracts';
import { openEach, SubjectCipher } from '@vigie/kernel';
import { openCvView } from './cv-view-seal';
import { CvViewLedger } from './cv-view.port';

export interface RecordedViews<T> {
  /** Views new to the counters (the rest of the opened ones were replays or of erased CVs). */
  counted: number;
  /** Records whose CV's key is destroyed: the candidate was erased, the record is dropped. */
  erased: number;
  /** Records that can never be opened (tampered, sealed for another CV): for the dead letters. */
  invalid: Array<{ item: T; reason: string }>;
}

/**
 * Opens the views (sealed or clear) and records them in the exact counters. A view of an erased
 * CV is gone by design: dropped and counted, never retried nor dead-lettered.
 */
export class RecordCvViewsUseCase {
  constructor(
    private readonly cipher: SubjectCipher,
    private readonly ledger: CvViewLedger,
  ) {}

  async execute<T>(items: readonly T[], recordOf: (item: T) => CvViewedV1): Promise<RecordedViews<T>> {
    const { opened, erased, invalid } = await openEach(items, (item) =>
      openCvView(this.cipher, recordOf(item)),
    );
    const counted = await this.ledger.record(opened);
    return { counted, erased, invalid };
  }
}
