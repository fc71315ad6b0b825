import { splitSections } from './sections';

const kinds = (text: string) => splitSections(text).map((s) => [s.kind, s.lines]);

describe('splitSections', () => {
  it('finds French headings, whatever their case, accents, colon or decoration', () => {
    expect(
      kinds(
        [
          'Camille Martin',
          'Soudeuse TIG',
          'EXPÉRIENCE PROFESSIONNELLE',
          '2019 – 2022 : soudeuse chez Acme',
          'Formation :',
          'CAP Soudure',
          '— Compétences —',
          'TIG, MIG',
          'Langues',
          'Anglais : notions',
          "Centres d'intérêt",
          'Randonnée',
        ].join('\n'),
      ),
    ).toEqual([
      ['preamble', ['Camille Martin', 'Soudeuse TIG']],
      ['experience', ['2019 – 2022 : soudeuse chez Acme']],
      ['education', ['CAP Soudure']],
      ['skills', ['TIG, MIG']],
      ['languages', ['Anglais : notions']],
      ['personal', ['Randonnée']],
    ]);
  });

  it('finds the English equivalents', () => {
    expect(
      kinds(
        'Work Experience\nEngineer, Acme\nEducation\nBSc Physics\nTechnical Skills\nPython\nLanguages\nFrench (B2)',
      ).map(([k]) => k),
    ).toEqual(['experience', 'education', 'skills', 'languages']);
  });

  it('reads a heading and its content on one line, then goes on with the section it interrupted', () => {
    expect(kinds('Expérience\nAcme, 2019\nLangues : anglais C1\nBeta, 2020')).toEqual([
      ['experience', ['Acme, 2019']],
      ['languages', ['anglais C1']],
      ['experience', ['Beta, 2020']],
    ]);
    expect(kinds('SKILLS C Basics, IOT, Python')).toEqual([['skills', ['C Basics, IOT, Python']]]);
  });

  it('keeps « Category: items » lines of a skills section in it, and splits glued export headings', () => {
    expect(kinds('Skills\nWeb: HTML, CSS\nProject: Agile, JIRA')).toEqual([
      ['skills', ['Web: HTML, CSS', 'Project: Agile, JIRA']],
    ]);
    expect(kinds('Python, Deep learning.Education Details\nB.E UIT').map(([k]) => k)).toEqual([
      'preamble',
      'education',
    ]);
  });

  it('does not take a sentence that starts like a heading for one', () => {
    expect(kinds('Formation continue des équipes de vente en 2021, 40 personnes').map(([k]) => k)).toEqual([
      'preamble',
    ]);
  });
});
