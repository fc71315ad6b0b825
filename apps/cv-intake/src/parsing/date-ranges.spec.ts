import { dateRangesIn } from './date-ranges';

const month = (year: number, m: number) => year * 12 + m - 1;

describe('dateRangesIn', () => {
  it.each([
    ['janv. 2019 – mars 2022', month(2019, 1), month(2022, 3)],
    ['Janvier 2019 à Mars 2022', month(2019, 1), month(2022, 3)],
    ['sept. 2020 - déc. 2021', month(2020, 9), month(2021, 12)],
    ['2018 - aujourd’hui', month(2018, 1), undefined],
    ['2018 – à ce jour', month(2018, 1), undefined],
    ['03/2017 - 12/2018', month(2017, 3), month(2018, 12)],
    ['2017-03 → 2019-11', month(2017, 3), month(2019, 11)],
    ['May 2016 to Present', month(2016, 5), undefined],
    ['Jan 2017 to Jan 2019', month(2017, 1), month(2019, 1)],
    ['depuis 03/2017', month(2017, 3), undefined],
    ['since June 2021', month(2021, 6), undefined],
    ['2014-2016', month(2014, 1), month(2016, 1)],
    ['03/2017', month(2017, 3), month(2017, 3)],
  ])('%j', (line, start, end) => {
    expect(dateRangesIn(line).map((r) => [r.start, r.end])).toEqual([[start, end]]);
  });

  it('says where the range is, so the rest of the line is the title', () => {
    const line = 'Développeuse chez Acme — janv. 2019 – aujourd’hui';
    const [r] = dateRangesIn(line);
    expect(line.slice(0, r!.index).trim()).toBe('Développeuse chez Acme —');
    expect(line.slice(r!.index, r!.index + r!.length)).toBe('janv. 2019 – aujourd’hui');
  });

  it('reads a range written backwards in order, and several ranges on a line', () => {
    expect(dateRangesIn('2022 - 2019').map((r) => [r.start, r.end])).toEqual([
      [month(2019, 1), month(2022, 1)],
    ]);
    expect(dateRangesIn('2010 – 2012, puis 2015 – 2016')).toHaveLength(2);
  });

  it('does not take versions, phone numbers, amounts or words for dates', () => {
    expect(dateRangesIn('Java 17, Angular 15, ISO 9001, 06 12 34 56 78, 3500 €')).toEqual([]);
    expect(dateRangesIn('the current role, present in 12 countries')).toEqual([]);
    expect(dateRangesIn('Mars Inc., maintenance de 1 200 machines')).toEqual([]);
  });
});
