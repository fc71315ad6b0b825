import { DomainError } from '@vigie/kernel';

/** Every refusal of an upload or a recruiter search, each mapped once to an HTTP status (cvs/cv-http-errors.ts). */
export type CvErrorCode =
  | 'CV_FILE_MISSING'
  | 'CV_TOO_MANY_FILES'
  | 'CV_FILE_TOO_LARGE'
  | 'CV_FILE_EMPTY'
  | 'CV_UNSUPPORTED_TYPE'
  | 'CV_ARCHIVE_REFUSED'
  | 'CV_JSON_RESUME_INVALID'
  | 'CV_TEXT_NOT_UTF8'
  | 'CV_NOT_FOUND'
  | 'CV_SEARCH_UNKNOWN_COMMUNE'
  | 'CV_PROFILE_UNKNOWN_COMMUNE'
  | 'CV_NO_SUGGESTION'
  | 'CV_SUGGESTION_REFUSED'
  | 'CV_ALERTS_UNAVAILABLE';

export class CvError extends DomainError<CvErrorCode> {}
