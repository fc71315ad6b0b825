import { z } from 'zod';
import { fieldErrors } from '@vigie/kernel';
import { AppError } from './app-error';

export { fieldErrors, formatPath } from '@vigie/kernel';

/** Parses untrusted input; on failure throws a 400 naming each bad field and why. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'request body',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION_FAILED', `invalid ${what}`, fieldErrors(result.error));
  return result.data;
}
