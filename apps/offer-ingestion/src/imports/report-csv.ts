import type { Finding } from '../quality/screening/finding';
import { type ImportReportRow, screeningVerdictOf } from './import-job';

export const REPORT_CSV_HEADER = [
  'position',
  'externalRef',
  'outcome',
  'reasonCode',
  'fieldErrors',
  'offerId',
  'screening',
  'findings',
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
    screeningVerdictOf(row),
    row.findings?.map(findingText).join(' | ') ?? null,
  ]);
}

/**
 * One finding in a cell a person reads in a spreadsheet: rule, severity, where and what was
 * written, the articles of law, and what to write instead.
 */
export function findingText(f: Finding): string {
  const where = f.span ? `${f.span.field}[${f.span.start}-${f.span.end}] « ${f.span.text} »` : 'offer';
  return `${f.ruleId} ${f.severity} ${where}: ${f.reason} (${f.legalBasis.join(', ')}); suggestion: ${f.suggestion}`;
}
