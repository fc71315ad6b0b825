import { contractTypeOf, jobTypesOf, workingTimeOf } from './contract-vocabulary';
import { feedDate } from './feed-dates';
import { parseFrenchSalary } from './french-salary';
import { remoteModeOf } from './remote-mode';

describe('parseFrenchSalary', () => {
  it.each([
    ['35 k€ - 40 k€ brut annuel', { min: 35_000, max: 40_000, period: 'year' }],
    ['1 800 € par mois sur 13 mois', { min: 23_400, max: 23_400, period: 'year' }],
    ['Mensuel de 1800.00 Euros à 2200.00 Euros sur 12 mois', { min: 1800, max: 2200, period: 'month' }],
    ['Annuel de 45000.0 Euros à 55000.0 Euros sur 12.0 mois', { min: 45_000, max: 55_000, period: 'year' }],
    ['Mensuel de 1920,00 Euros à 1925,00 Euros', { min: 1920, max: 1925, period: 'month' }],
    ['Horaire de 11.88 Euros', { min: 11.88, max: 11.88, period: 'hour' }],
    ['Entre 2\u00a0000 et 2\u00a0500 € brut/mois', { min: 2000, max: 2500, period: 'month' }],
    ['À partir de 1 234,56 € par mois', { min: 1234.56, period: 'month' }],
    ["Jusqu'à 50 000 € par an", { max: 50_000, period: 'year' }],
    ['12,50 €/h', { min: 12.5, max: 12.5, period: 'hour' }],
    ['45k', { min: 45_000, max: 45_000, period: 'year' }],
  ])('reads %p', (text, expected) => {
    expect(parseFrenchSalary(text)).toEqual(expected);
  });

  it.each([
    'SMIC + primes',
    'Selon profil',
    'A négocier',
    '2 000 € brut',
    '1 600 € net par mois',
    'Mensuel de 40000.0 Euros à 50000.0 Euros sur 12.0 mois',
    '3 000 à 2 000 € par mois',
    '',
    undefined,
  ])('leaves %p unknown', (text) => {
    expect(parseFrenchSalary(text)).toBeUndefined();
  });
});

describe('contract vocabulary', () => {
  it.each([
    ['CDI', 'cdi'],
    ['Contrat à durée indéterminée', 'cdi'],
    ['MIS', 'interim'],
    ['Intérim', 'interim'],
    ['SAI', 'seasonal'],
    ['FRA', 'freelance'],
    ['LIB', 'freelance'],
    ['CONTRACTOR', 'freelance'],
    ['TEMPORARY', 'cdd'],
    ['INTERN', 'internship'],
    ['Stage', 'internship'],
    ['Alternance', 'apprenticeship'],
    ['Contrat de professionnalisation', 'professionalisation'],
  ])('%s is %s', (source, expected) => {
    expect(contractTypeOf(source)).toBe(expected);
  });

  it('maps nothing it does not know', () => {
    expect(contractTypeOf('VOLUNTEER')).toBeUndefined();
    expect(contractTypeOf('fulltime')).toBeUndefined();
  });

  it('reads working times and lists of job types', () => {
    expect(workingTimeOf('Temps partiel')).toBe('part_time');
    expect(jobTypesOf(['CDI, fulltime'])).toEqual({ contractType: 'cdi', workingTime: 'full_time' });
    expect(jobTypesOf(['fulltime, parttime'])).toEqual({});
  });
});

describe('remoteModeOf', () => {
  it.each([
    ['Fully remote', 'full'],
    ['Hybrid remote', 'partial'],
    ['Télétravail partiel', 'partial'],
    ['TELECOMMUTE', 'full'],
    ['Non', 'none'],
    ['Temporarily remote', 'none'],
    ['peut-être', undefined],
  ])('%s is %s', (source, expected) => {
    expect(remoteModeOf(source)).toBe(expected);
  });
});

describe('feedDate', () => {
  it.each([
    ['Tue, 29 Jun 2021 22:49:39 GMT', '2021-06-29T22:49:39.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z'],
    ['2024-05-01 10:00', '2024-05-01T10:00:00.000Z'],
    ['01/05/2024', '2024-05-01T00:00:00.000Z'],
    ['1', '1'],
    ['demain', 'demain'],
  ])('%s → %s', (source, expected) => {
    expect(feedDate(source)).toBe(expected);
  });
});
