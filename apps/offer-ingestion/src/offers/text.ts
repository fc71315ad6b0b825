// Bidi overrides and isolates, zero-width characters, BOM: invisible, and used to disguise text (J4).
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// C0/C1 control characters except tab and newline.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** NFC, no invisible or control characters, trimmed. Keeps newlines (descriptions have paragraphs). */
export function cleanText(value: string): string {
  // Strip first, then compose: a zero-width character between a letter and its accent would
  // otherwise keep them apart.
  return value.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').replace(CONTROL, '').normalize('NFC').trim();
}

/** For one-line fields (titles, names): also folds every run of whitespace into one space. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ');
}
