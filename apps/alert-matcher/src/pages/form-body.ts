import type { Request } from 'express';
import { PageError } from './page-errors';
import type { FormFields } from './criteria-form';

/** Far more than the largest form of the pages; a bigger body is refused before it is parsed. */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * The fields of a posted HTML form (application/x-www-form-urlencoded). The services parse JSON
 * bodies only, so the pages read theirs here; a repeated name (checkboxes) gives a list.
 */
export async function readForm(req: Request): Promise<FormFields> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new PageError('FORM_TOO_LARGE', 'the form is too large');
    chunks.push(chunk);
  }
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...(typeof seen === 'string' ? [seen] : seen), value];
  }
  return fields;
}
