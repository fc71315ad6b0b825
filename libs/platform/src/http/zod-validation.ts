import { z } from 'zod';
import { AppError, FieldError } from './app-error';

/** `offers.3.title` → `offers[3].title`: how clients write paths into their JSON. */
export function formatPath(path: ReadonlyArray<PropertyKey>, root?: string): string {
  let out = root ?? '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out.length === 0 ? '(body)' : out;
}

export function fieldErrors(error: z.ZodError, root?: string): FieldError[] {
  return error.issues.map((issue) => ({ field: formatPath(issue.path, root), reason: issue.message }));
}

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
