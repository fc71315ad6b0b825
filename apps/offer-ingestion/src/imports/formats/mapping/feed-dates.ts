const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;
const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:GMT|UTC|UT|Z|[+-]\d{4})$/;
const FRENCH = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * A feed's date as the ISO instant OfferInputSchema wants. Read: ISO 8601 (without an offset it is
 * taken as UTC; a bare date is midnight UTC), RFC 2822 (« Tue, 29 Jun 2021 22:49:39 GMT », Indeed's
 * examples) and French `JJ/MM/AAAA`. Anything else is passed on unchanged, so the schema's error
 * names the field: Date.parse alone would read « 1 » as the year 2001.
 */
export function feedDate(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let candidate: string | undefined;
  const iso = ISO.exec(text);
  const french = FRENCH.exec(text);
  if (iso) candidate = `${iso[1]}T${iso[2] ?? '00:00:00'}${iso[3] ?? 'Z'}`;
  else if (french) candidate = `${french[3]}-${french[2]}-${french[1]}T00:00:00Z`;
  else if (RFC_2822.test(text)) candidate = text;
  const time = candidate === undefined ? Number.NaN : Date.parse(candidate);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}
