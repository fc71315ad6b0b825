import { FRENCH_CHAIN, TOKEN_PATTERN } from '@vigie/analysis';
import { generatedOfferTexts, seededRandom } from '@vigie/testing/unit';
import { compileTokenizerPattern } from '../compile-chain';
import { scanWords } from './word-scanner';

const byPattern = compileTokenizerPattern(FRENCH_CHAIN.tokenizers.vigie_words);
const collect = (tokenize: (text: string, emit: (t: string) => void) => void, text: string) => {
  const out: string[] = [];
  tokenize(text, (t) => out.push(t));
  return out;
};

/** The scanner is an optimisation of TOKEN_PATTERN: it must find exactly the pattern's tokens. */
describe('scanWords, the hand-written TOKEN_PATTERN', () => {
  it('is the tokenizer of the chain’s pattern', () => {
    expect(FRENCH_CHAIN.tokenizers.vigie_words.pattern).toBe(TOKEN_PATTERN);
  });

  it.each([
    "L'Ingénieur d’études, aujourd'hui",
    'C++ C# F# Notepad++ C+++ a#b #tag Bac+2',
    '.NET .net C#/.Net www.site.net ASP.NET .NETCore x.NET. ..NET',
    'e\u0301te\u0301 \u0301a ̀ ',
    '𐌰𐌰 😀 a😀b \ud800 a\udc00b',
    "''a' 'b a'' a'’b a'1",
  ])('agrees with the pattern on %j', (text) => {
    expect(collect(scanWords, text)).toEqual(collect(byPattern, text));
  });

  it('agrees with the pattern on generated job ads', () => {
    for (const o of generatedOfferTexts(300, 3)) {
      for (const text of [o.title, o.description, o.companyName]) {
        expect(collect(scanWords, text)).toEqual(collect(byPattern, text));
      }
    }
  });

  it('agrees with the pattern on 20,000 random strings of the characters that matter', () => {
    const alphabet = [
      'a',
      'Z',
      'é',
      '9',
      '²',
      'œ',
      'ß',
      'ا',
      '中',
      '\u0301',
      '\u0903',
      "'",
      '’',
      '‘',
      '+',
      '#',
      '.',
      'N',
      'n',
      'E',
      'e',
      'T',
      't',
      ' ',
      '-',
      '/',
      '\n',
      '𐌰',
      '😀',
      '\ud800',
      '\udc00',
      '\u00ad',
    ];
    const random = seededRandom(11);
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      const length = Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(collect(scanWords, text)).toEqual(collect(byPattern, text));
    }
  });
});
