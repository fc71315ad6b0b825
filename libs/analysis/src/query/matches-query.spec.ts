import { analyzeFields, matchesQuery, parseQuery } from '@vigie/analysis';

const offer = analyzeFields({
  title: 'Infirmière de bloc opératoire (H/F)',
  description:
    "Vous rejoindrez l'équipe du bloc. Poste de chef de projet en CDI, temps plein, débutant accepté.",
  companyName: 'Clinique du Parc',
});
const matches = (q: string) => matchesQuery(parseQuery(q), offer);

describe('matchesQuery', () => {
  it('needs every required term in some field (any form the chain joins)', () => {
    expect(matches('infirmier clinique')).toBe(true);
    expect(matches('INFIRMIERE equipe')).toBe(true);
    expect(matches('infirmier pédiatrie')).toBe(false);
  });

  it('accepts a synonym of a required term', () => {
    const dev = analyzeFields({ title: 'Dev Java' });
    expect(matchesQuery(parseQuery('développeur java'), dev)).toBe(true);
    expect(matchesQuery(parseQuery('"développeur java"'), dev)).toBe(false); // phrases are exact
  });

  it('needs a phrase at consecutive positions of one field, gaps of stop words included', () => {
    expect(matches('"bloc opératoire"')).toBe(true);
    expect(matches('"chef de projet"')).toBe(true);
    expect(matches('"chef du projet"')).toBe(true); // « du » is a stop word too: same gap
    expect(matches('"chef projet"')).toBe(false);
    expect(matches('"opératoire bloc"')).toBe(false);
    // « clinique » is in the company, « bloc » in the title: never one phrase across fields.
    expect(matches('"parc infirmière"')).toBe(false);
  });

  it('rejects a document with any excluded term or phrase, in any field', () => {
    expect(matches('infirmier -stage')).toBe(true);
    expect(matches('infirmier -clinique')).toBe(false);
    expect(matches('infirmier -"temps plein"')).toBe(false);
    expect(matches('infirmier -"plein temps"')).toBe(true);
  });

  it('matches everything with an empty query, and everything but the excluded with exclusions only', () => {
    expect(matches('')).toBe(true);
    expect(matches('-pédiatrie')).toBe(true);
    expect(matches('-bloc')).toBe(false);
  });

  it('reads a split word as its parts side by side', () => {
    const aide = analyzeFields({ title: 'Aide soignante de nuit', description: 'aide à domicile, soignant' });
    expect(matchesQuery(parseQuery('aide-soignant'), aide)).toBe(true);
    expect(matchesQuery(parseQuery('aide-soignant'), analyzeFields({ title: 'soignant aide' }))).toBe(false);
  });
});
