import { DomainError } from '@vigie/kernel';
import { AppError, AppErrorCode } from '@vigie/platform';

/** Refusals of the contact routes, each mapped once to HTTP below (an unmapped code fails the build). */
export type ContactErrorCode = 'CONTACT_CV_NOT_FOUND' | 'CONTACT_REQUEST_NOT_FOUND' | 'CONTACT_INPUT_INVALID';

export class ContactError extends DomainError<ContactErrorCode> {}

const HTTP_CODE_OF: { readonly [C in ContactErrorCode]: AppErrorCode } = {
  // A CV that is not searchable, or a request that is not the caller's: not found, never "forbidden".
  CONTACT_CV_NOT_FOUND: 'NOT_FOUND',
  CONTACT_REQUEST_NOT_FOUND: 'NOT_FOUND',
  CONTACT_INPUT_INVALID: 'VALIDATION_FAILED',
};

export async function mapContactErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof ContactError)) throw e;
    throw new AppError(HTTP_CODE_OF[e.code], e.message, [
      { field: 'code', reason: e.code },
      ...(e.details ?? []),
    ]);
  }
}
