import { isDomainError } from '../domain-error';
import { SubjectCipherErrorCode } from './subject-cipher.port';

/** A batch of sealed records sorted by what opening each gave. */
export interface OpenedBatch<T, R> {
  /** The records opened, in the batch's order. */
  opened: R[];
  /** Records whose subject's key is destroyed (the person was erased): dropped, never retried. */
  erased: number;
  /** Records that can never be opened (tampered, malformed, sealed for another subject). */
  invalid: Array<{ item: T; reason: string }>;
}

/**
 * Opens every record of a consumed batch with `open` (all at once) and sorts the outcomes, the one
 * policy every consumer of sealed records follows: `subject-erased` is gone by design (count it,
 * drop it), `envelope-invalid` is a real fault (dead-letter it with its reason), and any other
 * error is thrown after the batch has settled, so the transport retries the whole batch.
 */
export async function openEach<T, R>(
  items: readonly T[],
  open: (item: T) => Promise<R>,
): Promise<OpenedBatch<T, R>> {
  const outcome: OpenedBatch<T, R> = { opened: [], erased: 0, invalid: [] };
  const results = await Promise.allSettled(items.map(open));
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return void outcome.opened.push(result.value);
    const error: unknown = result.reason;
    if (!isDomainError<SubjectCipherErrorCode>(error, ['subject-erased', 'envelope-invalid'])) throw error;
    if (error.code === 'subject-erased') outcome.erased += 1;
    else outcome.invalid.push({ item: items[i]!, reason: error.message });
  });
  return outcome;
}
