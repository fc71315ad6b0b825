import { fold } from './fold';

/** A period of a CV in months since year 0 (`end` undefined: still running). */
export interface DateRange {
  start: number;
  end: number | undefined;
  /** Where the range was written in the line, so the rest of the line can be read as the title. */
  index: number;
  length: number;
}

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 0,
  janv: 0,
  jan: 0,
  january: 0,
  fevrier: 1,
  fevr: 1,
  fev: 1,
  feb: 1,
  february: 1,
  mars: 2,
  mar: 2,
  march: 2,
  avril: 3,
  avr: 3,
  apr: 3,
  april: 3,
  mai: 4,
  may: 4,
  juin: 5,
  jun: 5,
  june: 5,
  juillet: 6,
  juil: 6,
  jul: 6,
  july: 6,
  aout: 7,
  aug: 7,
  august: 7,
  septembre: 8,
  sept: 8,
  sep: 8,
  september: 8,
  octobre: 9,
  oct: 9,
  october: 9,
  novembre: 10,
  nov: 10,
  november: 10,
  decembre: 11,
  dec: 11,
  december: 11,
};

const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const YEAR = '(?:19[5-9]\\d|20[0-4]\\d)';
const OPEN =
  "aujourd'hui|a ce jour|ce jour|present|current|currently|now|today|till date|to date|en cours|actuellement|actuel|maintenant";

// One token: « janv. 2019 », « 03/2017 », « 2017-03 », « 2018 », or an open end (« aujourd'hui »).
const TOKEN = new RegExp(
  `(?<![\\p{L}\\d])(?:(${MONTH_NAMES})\\.?\\s*(${YEAR})|(0?[1-9]|1[0-2])\\s?[/.]\\s?(${YEAR})|(${YEAR})-(0[1-9]|1[0-2])|(${YEAR})|(${OPEN}))(?![\\p{L}\\d])`,
  'gu',
);
// What may stand between the two ends of a range.
const BETWEEN = /^\s*(?:-|–|—|−|to|a|au|until|till|jusqu'(?:a|au)|>|→)\s*$/u;
const SINCE = /(?:depuis|since|from)\s*(?:le\s+|l'|the\s+)?$/u;

interface Token {
  month: number | undefined;
  index: number;
  length: number;
}

function tokensOf(folded: string): Token[] {
  const tokens: Token[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    const [, name, nameYear, mm, mmYear, isoYear, isoMonth, year, open] = m;
    let month: number | undefined;
    if (name && nameYear) month = Number(nameYear) * 12 + (MONTHS[name] ?? 0);
    else if (mm && mmYear) month = Number(mmYear) * 12 + Number(mm) - 1;
    else if (isoYear && isoMonth) month = Number(isoYear) * 12 + Number(isoMonth) - 1;
    else if (year) month = Number(year) * 12;
    else if (!open) continue;
    tokens.push({ month, index: m.index, length: m[0].length });
  }
  return tokens;
}

/**
 * The periods written in one line: « janv. 2019 – mars 2022 », « 2018 - aujourd'hui »,
 * « depuis 03/2017 », « May 2016 to Present », a lone « 03/2017 » (one month). A year alone is its
 * January, as JSON Resume's partial dates are read, so both paths count the same.
 */
export function dateRangesIn(line: string): DateRange[] {
  const folded = fold(line);
  const tokens = tokensOf(folded);
  const ranges: DateRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const from = tokens[i]!;
    if (from.month === undefined) continue;
    const to = tokens[i + 1];
    const gap = to ? folded.slice(from.index + from.length, to.index) : '';
    if (to && BETWEEN.test(gap)) {
      ranges.push({
        start: from.month,
        end: to.month,
        index: from.index,
        length: to.index + to.length - from.index,
      });
      i++;
      continue;
    }
    const before = folded.slice(0, from.index);
    const since = SINCE.exec(before);
    if (since) {
      ranges.push({
        start: from.month,
        end: undefined,
        index: since.index,
        length: from.index + from.length - since.index,
      });
    } else {
      ranges.push({ start: from.month, end: from.month, index: from.index, length: from.length });
    }
  }
  // A range written backwards (« 2022 - 2019 ») is read in order.
  return ranges.map((r) =>
    r.end !== undefined && r.end < r.start ? { ...r, start: r.end, end: r.start } : r,
  );
}
