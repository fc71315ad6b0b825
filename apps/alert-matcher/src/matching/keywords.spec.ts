import { normalizeToken, tokenize } from './keywords';

describe('normalizeToken', () => {
  it('folds case and accents', () => {
    expect(normalizeToken('Ingénieur')).toBe('ingenieur');
    expect(normalizeToken('ÉTÉ')).toBe('ete');
    expect(normalizeToken('Façade')).toBe('facade');
  });

  it('folds decomposed accents the same way as composed ones', () => {
    expect(normalizeToken('Développeur'.normalize('NFD'))).toBe(
      normalizeToken('Développeur'.normalize('NFC')),
    );
  });

  it('strips a plural s or x from words longer than three letters', () => {
    expect(normalizeToken('Développeurs')).toBe('developpeur');
    expect(normalizeToken('travaux')).toBe('travau');
    expect(normalizeToken('travail')).toBe('travail');
  });

  it('keeps short words ending in s or x as they are', () => {
    expect(normalizeToken('bus')).toBe('bus');
    expect(normalizeToken('ios')).toBe('ios');
    expect(normalizeToken('aux')).toBe('aux');
  });

  it('keeps the symbols of C++ and C#', () => {
    expect(normalizeToken('C++')).toBe('c++');
    expect(normalizeToken('C#')).toBe('c#');
  });
});

describe('tokenize', () => {
  it('splits on anything that is not a letter, a digit, + or #', () => {
    expect(tokenize('back-end/front_end, node.js')).toEqual(['back', 'end', 'front', 'node', 'js']);
  });

  it('keeps C++ and C# as tokens of their own', () => {
    expect(tokenize('Expert C++/C# et Java')).toEqual(['expert', 'c++', 'c#', 'java']);
  });

  it('drops French and English function words, and the H/F mention', () => {
    expect(tokenize('Développeur (H/F) pour le pôle de la data and the cloud')).toEqual([
      'developpeur',
      'pole',
      'data',
      'cloud',
    ]);
  });

  it.each(['dans', 'nous', 'vous'])('drops the stop word %s like every other stop word', (word) => {
    expect(tokenize(`développeur ${word} équipe`)).toEqual(['developpeur', 'equipe']);
  });

  it('drops stop words whatever their case or accents', () => {
    expect(tokenize('LES Des DU À')).toEqual([]);
  });

  it('returns each token once, in order of first appearance', () => {
    expect(tokenize('Java java JAVA développeurs développeur')).toEqual(['java', 'developpeur']);
  });

  it('keeps numbers', () => {
    expect(tokenize('Au moins 2 ans, bac+5')).toEqual(['moin', '2', 'ans', 'bac+5']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' - / , . ')).toEqual([]);
  });

  it('normalises an alert keyword and the offer text alike, so plural and accents do not prevent a match', () => {
    const offer = new Set(tokenize('Nous recrutons des Développeurs TypeScript expérimentés'));

    for (const keyword of tokenize('developpeur typescript experimente'))
      expect(offer.has(keyword)).toBe(true);
  });
});
