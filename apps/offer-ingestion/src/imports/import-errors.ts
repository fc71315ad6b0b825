import { DomainError } from '@vigie/kernel';

export type ImportErrorCode =
  | 'IMPORT_NOT_FOUND'
  | 'IMPORT_BODY_INVALID'
  | 'IMPORT_NOT_HELD'
  | 'IMPORT_ATTEMPTS_EXHAUSTED'
  // The worker thread preparing a batch crashed, passed its heap limit or its timeout.
  | 'IMPORT_PREPARE_FAILED';

export class ImportError extends DomainError<ImportErrorCode> {}
