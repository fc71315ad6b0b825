import { DomainError } from '@vigie/kernel';

export type ImportErrorCode =
  | 'IMPORT_NOT_FOUND'
  | 'IMPORT_BODY_INVALID'
  | 'IMPORT_NOT_HELD'
  | 'IMPORT_ATTEMPTS_EXHAUSTED';

export class ImportError extends DomainError<ImportErrorCode> {}
