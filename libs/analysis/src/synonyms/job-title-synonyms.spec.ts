import { analyze, expandTerm, SynonymIndex, sequenceText, toSequence } from '@vigie/analysis';

const alternatives = (word: string) => expandTerm(toSequence(analyze(word))).map(sequenceText);

describe('job-title synonyms', () => {
  it('expands an abbreviation both ways when it means exactly one thing', () => {
    expect(alternatives('dev')).toEqual(['dev', 'developeu']);
    expect(alternatives('développeuses')).toEqual(['developeu', 'dev']);
    expect(alternatives('RH')).toEqual(['rh', 'resourc humain']);
    expect(alternatives('ressources-humaines')).toEqual(['resourc humain', 'rh']);
  });

  it('keeps the gaps of stop words inside a multi-word synonym', () => {
    expect(alternatives('DRH')).toEqual(['drh', 'direct _ resourc humain']);
  });

  it('expands an ambiguous abbreviation one way only', () => {
    expect(alternatives('AS')).toEqual(['as', 'aide soignant']);
    expect(alternatives('aide-soignant')).toEqual(['aide soignant']);
  });

  it('joins the gendered forms the stemmer leaves apart (from ESCO)', () => {
    expect(alternatives('manageuse')).toContain(sequenceText(toSequence(analyze('manager'))));
    expect(alternatives('hôtesse')).toContain(sequenceText(toSequence(analyze('hôte'))));
  });

  it('gives a term without synonyms only itself, and accepts an analysed term as a string', () => {
    expect(alternatives('boulanger')).toEqual(['boulang']);
    expect(expandTerm('csharp').map(sequenceText)).toEqual(['csharp', 'c#']);
  });

  it('is not transitive, and drops rules the chain already makes one term', () => {
    const index = new SynonymIndex([
      { terms: ['a1', 'b1'] },
      { terms: ['b1', 'c1'] },
      { terms: ['vendeur', 'vendeuse'] },
    ]);
    expect(index.expand([{ term: 'a1', offset: 0 }]).map(sequenceText)).toEqual(['a1', 'b1']);
    expect(index.expand([{ term: 'b1', offset: 0 }]).map(sequenceText)).toEqual(['b1', 'a1', 'c1']);
    expect(index.size).toBe(3);
  });
});
