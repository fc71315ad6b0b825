import { csvCell, reportCsvLine } from './report-csv';

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
    });
    expect(line).toBe(`3,"'=cmd|x",rejected,INVALID,title: required | salary.min: must be positive,\r\n`);
  });
});
