import { cefrOf, labelledLanguagesIn, languagesIn } from './languages';

describe('languages', () => {
  it('gives each language of a line its own level', () => {
    expect(languagesIn(['Anglais : courant (C1), espagnol notions, Allemand B2'])).toEqual([
      { code: 'en', level: 'C1' },
      { code: 'es', level: 'A2' },
      { code: 'de', level: 'B2' },
    ]);
    expect(languagesIn(['English (Native speaker)', 'Spanish - intermediate', 'Arabe'])).toEqual([
      { code: 'en', level: 'C2' },
      { code: 'es', level: 'B1' },
      { code: 'ar', level: null },
    ]);
  });

  it.each([
    ['Langue maternelle', 'C2'],
    ['bilingue', 'C2'],
    ['Courant', 'C1'],
    ['fluent', 'C1'],
    ['TOEIC 850', 'B2'],
    ['niveau avancé', 'B2'],
    ['intermédiaire', 'B1'],
    ['scolaire', 'A2'],
    ['c1', 'C1'],
    ['', null],
  ])('%j is %s', (fluency, level) => {
    expect(cefrOf(fluency)).toBe(level);
  });

  it('finds languages written with a level outside a languages section, not a language named in passing', () => {
    expect(labelledLanguagesIn(['Python, SQL, Anglais : courant'])).toEqual([{ code: 'en', level: 'C1' }]);
    expect(labelledLanguagesIn(['Traduction de documents anglais vers le français'])).toEqual([]);
  });
});
