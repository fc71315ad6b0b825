import { DomainError } from '@vigie/kernel';
import type { FeedFormatErrorCode } from './feed-format';

/** A fault of the whole feed (see FeedFormatErrorCode for the codes and their HTTP statuses). */
export class FeedFormatError extends DomainError<FeedFormatErrorCode> {
  constructor(
    code: FeedFormatErrorCode,
    message: string,
    details?: ReadonlyArray<{ field: string; reason: string }>,
  ) {
    super(code, message, details);
    this.name = 'FeedFormatError';
  }
}
