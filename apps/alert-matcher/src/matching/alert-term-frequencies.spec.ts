import { parseQuery } from '@vigie/analysis';
import { AlertTermFrequencies } from './alert-term-frequencies';

/** The analysed term of one word (« soudeur » → « soudeu »), as the engine's anchors see it. */
const term = (word: string) => parseQuery(word).required[0]!.sequence[0]!.term;

describe('AlertTermFrequencies', () => {
  it('rates a term many alerts require as more common than one few alerts require', () => {
    const sut = new AlertTermFrequencies();
    sut.prime([
      { q: 'soudeur', alerts: 40 },
      { q: 'soudeur tig', alerts: 2 },
      { q: 'technicien', alerts: 8 },
    ]);

    // « soudeur » is in 42 of 50 alerts, « tig » in 2, « technicien » in 8.
    expect(sut.documentFrequency(term('soudeur'))).toBeGreaterThan(sut.documentFrequency(term('technicien')));
    expect(sut.documentFrequency(term('technicien'))).toBeGreaterThan(sut.documentFrequency(term('tig')));
    expect(sut.documentFrequency(term('soudeur'))).toBeCloseTo(42 / 50, 2);
  });

  it('counts the analysed terms of phrases and not the excluded ones', () => {
    const sut = new AlertTermFrequencies();
    sut.prime([
      { q: '"chef de cuisine" -nuit', alerts: 5 },
      { q: null, alerts: 5 },
    ]);

    expect(sut.documentFrequency(term('chef'))).toBeCloseTo(0.5, 1);
    expect(sut.documentFrequency(term('nuit'))).toBeLessThan(0.1);
  });

  it('takes a term no alert requires as rarer than any other, a longer one as rarer still', () => {
    const sut = new AlertTermFrequencies();
    sut.prime([{ q: 'vendeur', alerts: 1 }]);

    expect(sut.documentFrequency(term('boulanger'))).toBeLessThan(sut.documentFrequency(term('vendeur')));
    expect(sut.documentFrequency(term('boulanger'))).toBeLessThan(sut.documentFrequency(term('tig')));
  });

  it('replaces its counts when primed again (a retried start-up load counts once)', () => {
    const sut = new AlertTermFrequencies();
    sut.prime([{ q: 'soudeur', alerts: 3 }]);
    const once = sut.documentFrequency(term('soudeur'));
    sut.prime([{ q: 'soudeur', alerts: 3 }]);

    expect(sut.documentFrequency(term('soudeur'))).toBe(once);
  });

  it('ignores a keyword text the parser refuses instead of failing the load', () => {
    const sut = new AlertTermFrequencies();

    expect(() =>
      sut.prime([
        { q: '"', alerts: 1 },
        { q: 'x'.repeat(5_000), alerts: 1 },
      ]),
    ).not.toThrow();
  });
});
