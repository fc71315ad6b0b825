import { screenOffer } from '../quality/screening/offer-screener';
import { csvCell, REPORT_CSV_HEADER, reportCsvLine } from './report-csv';

describe('import report CSV', () => {
  it.each(['=HYPERLINK("http://x")', '+33 1 23', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises a cell starting like a formula: %j',
    (value) => {
      const cell = csvCell(value);
      expect(cell.startsWith(`"'`)).toBe(true);
      expect(cell.slice(2, -1).replace(/""/g, '"')).toBe(value);
    },
  );

  it('quotes cells holding separators, quotes or line breaks, and leaves plain ones bare', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell('ligne\nsuivante')).toBe('"ligne\nsuivante"');
    expect(csvCell('REF-1')).toBe('REF-1');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
  });

  it('writes one CRLF-ended line per row with its field errors joined', () => {
    const line = reportCsvLine({
      position: 3,
      externalRef: '=cmd|x',
      outcome: 'rejected',
      reasonCode: 'INVALID',
      fieldErrors: [
        { field: 'title', reason: 'required' },
        { field: 'salary.min', reason: 'must be positive' },
      ],
      offerId: null,
      findings: null,
    });
    expect(line).toBe(`3,"'=cmd|x",rejected,INVALID,title: required | salary.min: must be positive,,,\r\n`);
  });

  it('writes each finding of a blocked row with its rule, span, legal basis and suggestion', () => {
    const { findings } = screenOffer({
      title: 'Vendeuse',
      description: 'Recherche vendeuse 25-35 ans.',
      companyName: null,
      contractType: 'cdi',
    });
    const r3 = findings.find((f) => f.ruleId === 'R3')!;

    const line = reportCsvLine({
      position: 1,
      externalRef: 'BAD-1',
      outcome: 'rejected',
      reasonCode: 'BLOCKED_BY_SCREENING',
      fieldErrors: [{ field: 'description', reason: 'R3' }],
      offerId: null,
      findings,
    });

    const cells = line.trimEnd().split(',"');
    expect(REPORT_CSV_HEADER.slice(-2)).toEqual(['screening', 'findings']);
    expect(line).toContain(',blocked,');
    const findingsCell = cells.at(-1)!.slice(0, -1).replace(/""/g, '"');
    expect(findingsCell.split(' | ')).toHaveLength(findings.length);
    expect(findingsCell).toContain(
      `R3 block description[${r3.span!.start}-${r3.span!.end}] « 25-35 ans »: ${r3.reason} (${r3.legalBasis.join(', ')}); suggestion: ${r3.suggestion}`,
    );
  });

  it('marks a published offer flagged when it carries findings, clean when it carries none', () => {
    const { findings } = screenOffer({
      title: 'Réceptionniste (H/F)',
      description: "Accueil des clients de l'hôtel. Bonne présentation.",
      companyName: null,
      contractType: 'cdi',
    });
    const row = {
      position: 2,
      externalRef: 'FLAG-1',
      outcome: 'added' as const,
      reasonCode: null,
      fieldErrors: null,
      offerId: '5f3c2b1a-0e9d-4c8b-a7f6-e5d4c3b2a190',
    };

    expect(reportCsvLine({ ...row, findings })).toMatch(
      /,flagged,"?R9 flag title|,flagged,"?R9 flag description/,
    );
    expect(reportCsvLine({ ...row, findings: null })).toBe(`2,FLAG-1,added,,,${row.offerId},clean,\r\n`);
  });
});
