import { AppError, AppErrorCode } from '@vigie/platform';
import { CvError, CvErrorCode } from './cv-errors';

/** The one mapping of cv-intake's domain errors to HTTP: an unmapped code fails the build. */
const HTTP_CODE_OF: { readonly [C in CvErrorCode]: AppErrorCode } = {
  CV_FILE_MISSING: 'VALIDATION_FAILED',
  CV_TOO_MANY_FILES: 'UNPROCESSABLE',
  CV_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  CV_FILE_EMPTY: 'UNPROCESSABLE',
  CV_UNSUPPORTED_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  CV_TEXT_NOT_UTF8: 'UNSUPPORTED_MEDIA_TYPE',
  CV_ARCHIVE_REFUSED: 'UNPROCESSABLE',
  CV_JSON_RESUME_INVALID: 'UNPROCESSABLE',
  CV_NOT_FOUND: 'NOT_FOUND',
  CV_SEARCH_UNKNOWN_COMMUNE: 'VALIDATION_FAILED',
  CV_PROFILE_UNKNOWN_COMMUNE: 'VALIDATION_FAILED',
  CV_NO_SUGGESTION: 'NOT_FOUND',
  CV_SUGGESTION_REFUSED: 'CONFLICT',
  CV_ALERTS_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
};

export function cvAppError(e: CvError): AppError {
  return new AppError(HTTP_CODE_OF[e.code], e.message, [
    { field: 'code', reason: e.code },
    ...(e.details ?? []),
  ]);
}

export function toHttpError(e: unknown): unknown {
  return e instanceof CvError ? cvAppError(e) : e;
}

/** Runs a use case and maps its domain errors (anything else goes to the global filter as is). */
export async function mapCvErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toHttpError(e);
  }
}
