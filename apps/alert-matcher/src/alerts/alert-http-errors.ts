import { AppError, AppErrorCode } from '@vigie/platform';
import { AlertError, AlertErrorCode } from './alert-errors';

const HTTP_CODE_OF: { readonly [C in AlertErrorCode]: AppErrorCode } = {
  ALERT_NOT_FOUND: 'NOT_FOUND',
  INVALID_CRITERIA: 'VALIDATION_FAILED',
  ALERT_LIMIT_REACHED: 'CONFLICT',
  ALERT_STATE_CONFLICT: 'CONFLICT',
  INVALID_LINK: 'VALIDATION_FAILED',
};

/** Runs a use case and maps its alert errors to HTTP errors (the one mapping of this transport). */
export async function mapAlertErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AlertError) throw new AppError(HTTP_CODE_OF[e.code], e.message, e.details);
    throw e;
  }
}
