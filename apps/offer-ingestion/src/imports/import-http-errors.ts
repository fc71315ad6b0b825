import { isDomainError } from '@vigie/kernel';
import { AppError, AppErrorCode } from '@vigie/platform';
import type { FeedFormatErrorCode } from './formats/feed-format';
import type { ImportErrorCode } from './import-errors';

/** The one mapping of import and feed-format errors to HTTP; a new code fails the build until mapped. */
const HTTP_CODE_OF: { readonly [C in ImportErrorCode | FeedFormatErrorCode]: AppErrorCode } = {
  IMPORT_NOT_FOUND: 'NOT_FOUND',
  IMPORT_BODY_INVALID: 'VALIDATION_FAILED',
  IMPORT_NOT_HELD: 'CONFLICT',
  IMPORT_ATTEMPTS_EXHAUSTED: 'INTERNAL',
  IMPORT_PREPARE_FAILED: 'INTERNAL',
  FEED_UNSUPPORTED_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FEED_ENCODING_UNSUPPORTED: 'UNSUPPORTED_MEDIA_TYPE',
  FEED_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FEED_MALFORMED: 'VALIDATION_FAILED',
  FEED_DOCTYPE_FORBIDDEN: 'VALIDATION_FAILED',
  FEED_TOO_DEEP: 'VALIDATION_FAILED',
  FEED_RECORD_TOO_LARGE: 'VALIDATION_FAILED',
  FEED_ENCODING_INVALID: 'VALIDATION_FAILED',
  FEED_FORMAT_MISMATCH: 'VALIDATION_FAILED',
  FEED_TEXT_TOO_LONG: 'VALIDATION_FAILED',
  FEED_TOO_MANY_ELEMENTS: 'VALIDATION_FAILED',
};

const CODES = Object.keys(HTTP_CODE_OF) as Array<keyof typeof HTTP_CODE_OF>;

export async function mappedImportErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isDomainError(e, CODES)) throw new AppError(HTTP_CODE_OF[e.code], e.message, e.details);
    throw e;
  }
}
