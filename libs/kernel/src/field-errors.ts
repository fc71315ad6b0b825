import type { z } from 'zod';

/** One invalid field of an input, named as the client wrote it, and why. */
export interface FieldError {
  /** Path of the offending field, e.g. `offers[3].location.postalCode`. */
  field: string;
  reason: string;
}

/** `offers.3.title` → `offers[3].title`: how clients write paths into their JSON. */
export function formatPath(path: ReadonlyArray<PropertyKey>, root?: string): string {
  let out = root ?? '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out.length === 0 ? '(body)' : out;
}

/** A zod failure as field errors. Free of any transport (no Nest), so a worker thread can load it. */
export function fieldErrors(error: z.ZodError, root?: string): FieldError[] {
  return error.issues.map((issue) => ({ field: formatPath(issue.path, root), reason: issue.message }));
}
