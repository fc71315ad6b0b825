import { isDomainError } from '@vigie/kernel';
import { isEmptyQuery, type ParsedQuery, parseQuery, QueryError, sequenceText } from '@vigie/analysis';

/** The parsed query in short: each clause as its pre-analysed text, alternatives after « = ». */
function summary(q: ParsedQuery) {
  return {
    required: q.required.map((t) => t.alternatives.map(sequenceText).join(' = ')),
    phrases: q.phrases.map((p) => sequenceText(p.sequence)),
    excluded: q.excluded.map((t) => t.alternatives.map(sequenceText).join(' = ')),
  };
}
const parsed = (q: string) => summary(parseQuery(q));

describe('parseQuery', () => {
  it('requires every word, analysed, with its synonyms', () => {
    expect(parsed('Développeurs java')).toEqual({
      required: ['developeu = dev', 'java'],
      phrases: [],
      excluded: [],
    });
  });

  it('reads quoted phrases in order, gaps of stop words kept, without synonyms', () => {
    expect(parsed('"chef de projet" "dev"')).toEqual({
      required: [],
      phrases: ['chef _ projet', 'dev'],
      excluded: [],
    });
  });

  it('excludes words and phrases written with a leading minus, exactly', () => {
    expect(parsed('infirmier -stage -"temps partiel" -dev')).toEqual({
      required: ['infirmi'],
      phrases: [],
      excluded: ['stag', 'temp partiel', 'dev'],
    });
  });

  it('treats a word the chain splits as its parts side by side, with the synonyms of the whole', () => {
    expect(parsed('aide-soignant Bac+2 ressources-humaines')).toEqual({
      required: ['aide soignant', 'bac 2', 'resourc humain = rh'],
      phrases: [],
      excluded: [],
    });
  });

  it('treats every other operator character as text: no wildcard, regex, field, boost or OR', () => {
    expect(parsed('dev* title:java (C++ | C#)^2 ~python +go /re.gex/')).toEqual({
      required: ['dev = developeu', 'titl java', 'c++ = cpp', 'c# 2', 'python', 'go', 're gex'],
      phrases: [],
      excluded: [],
    });
    expect(parsed('java OR python').required).toEqual(['java', 'or', 'python']);
  });

  it('accepts typographic quotes and guillemets, and reads an unclosed phrase to the end', () => {
    expect(parsed('“chef de projet” « aide soignant »').phrases).toEqual(['chef _ projet', 'aide soignant']);
    expect(parsed('infirmier "bloc opératoire').phrases).toEqual(['bloc operatoir']);
  });

  it('ignores what the chain drops entirely, a lone minus and repeated clauses', () => {
    expect(isEmptyQuery(parseQuery('  de la H/F - ""  '))).toBe(true);
    expect(parsed('java Java JAVA -stage -stages')).toEqual({
      required: ['java'],
      phrases: [],
      excluded: ['stag'],
    });
    expect(parsed('--stage').excluded).toEqual(['stag']);
  });

  it('keeps what the user wrote for each clause (explanations)', () => {
    const q = parseQuery('Infirmières -"de nuit"');
    expect(q.required[0]!.source).toBe('Infirmières');
    expect(q.excluded[0]!.source).toBe('-"de nuit"');
  });

  describe('limits', () => {
    const failure = (q: string, options?: Parameters<typeof parseQuery>[1]) => {
      try {
        parseQuery(q, options);
      } catch (e) {
        if (isDomainError(e)) return { code: e.code, details: e.details };
        throw e;
      }
      throw new Error('parseQuery accepted the query');
    };

    it('refuses a query longer than the limit, naming it', () => {
      expect(failure('a'.repeat(257))).toEqual({
        code: 'QUERY_TOO_LONG',
        details: [{ field: 'q', reason: 'at most 256 characters (got 257)' }],
      });
      expect(() => parseQuery('a'.repeat(256))).not.toThrow();
    });

    it('refuses more terms than the limit, counting clauses after parsing', () => {
      const words = Array.from({ length: 17 }, (_, i) => `mot${i}`).join(' ');
      expect(failure(words)).toMatchObject({ code: 'QUERY_TOO_MANY_TERMS' });
      expect(() => parseQuery(`${words.split(' ').slice(0, 16).join(' ')} de la le`)).not.toThrow();
    });

    it('refuses a phrase spanning more positions than the limit', () => {
      expect(failure('"alpha beta gamma delta epsilon zeta eta theta iota"')).toMatchObject({
        code: 'QUERY_PHRASE_TOO_LONG',
      });
      // A leading stop word is no position of the phrase: eight positions remain, within the limit.
      expect(() => parseQuery('"un deux trois quatre cinq six sept huit neuf"')).not.toThrow();
    });

    it('takes other limits and another field name (an alert’s keywords)', () => {
      const error = failure('java python', { limits: { maxTerms: 1 }, field: 'keywords' });
      expect(error).toEqual({
        code: 'QUERY_TOO_MANY_TERMS',
        details: [{ field: 'keywords', reason: 'at most 1 terms and phrases' }],
      });
    });

    it('throws QueryError, a DomainError', () => {
      expect(() => parseQuery('x'.repeat(300))).toThrow(QueryError);
    });
  });
});
