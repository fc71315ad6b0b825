import type { ImportReportRow } from './import-job';

export const REPORT_CSV_HEADER = [
  'position',
  'externalRef',
  'outcome',
  'reasonCode',
  'fieldErrors',
  'offerId',
];

/**
 * One RFC 4180 cell, safe to open in a spreadsheet: a value starting with = + - @, a tab or a CR
 * would be read as a formula (CSV injection), so it is prefixed with a quote, which shows as text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== String(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function reportCsvLine(row: ImportReportRow): string {
  return csvLine([
    row.position,
    row.externalRef,
    row.outcome,
    row.reasonCode,
    row.fieldErrors?.map((e) => `${e.field}: ${e.reason}`).join(' | ') ?? null,
    row.offerId,
  ]);
}
