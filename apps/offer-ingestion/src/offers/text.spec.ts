import { cleanLine, cleanText } from './text';

describe('cleanText', () => {
  it('removes bidi overrides and isolates that could disguise text', () => {
    expect(cleanText('Développeur \u202Ereverse\u202C')).toBe('Développeur reverse');
    expect(cleanText('a\u2066b\u2069c\u200Fd\u200Ee')).toBe('abcde');
  });

  it('removes zero-width characters and the byte-order mark', () => {
    expect(cleanText('\uFEFFJava\u200BScript\u200C\u200D\u2060')).toBe('JavaScript');
  });

  it('removes C0 and C1 control characters but keeps tabs and newlines', () => {
    expect(cleanText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Fg')).toBe('abcdefg');
    expect(cleanText('col1\tcol2\nline2')).toBe('col1\tcol2\nline2');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(cleanText('one\r\ntwo\rthree\nfour')).toBe('one\ntwo\nthree\nfour');
  });

  it('composes characters to NFC, so equal-looking text is equal', () => {
    const decomposed = 'Ingénieur'.normalize('NFD');

    const result = cleanText(decomposed);

    expect(decomposed).not.toBe('Ingénieur');
    expect(result).toBe('Ingénieur'.normalize('NFC'));
  });

  it('returns NFC text even when an invisible character sat between a letter and its accent', () => {
    const result = cleanText('Caf' + 'e\u200B\u0301');

    expect(result).toBe('Café'.normalize('NFC'));
    expect(result).toBe(result.normalize('NFC'));
  });

  it('trims leading and trailing whitespace, including invisible padding', () => {
    expect(cleanText(' \u200B  Paragraphe.\n\n ')).toBe('Paragraphe.');
  });

  it('keeps paragraphs: inner newlines and spaces are untouched', () => {
    expect(cleanText('Premier  paragraphe.\n\nSecond.')).toBe('Premier  paragraphe.\n\nSecond.');
  });
});

describe('cleanLine', () => {
  it('folds every run of whitespace, newlines included, into one space', () => {
    expect(cleanLine('Dev\r\nBcc:  x@evil.tld\t\tnow')).toBe('Dev Bcc: x@evil.tld now');
  });

  it('applies everything cleanText does', () => {
    expect(cleanLine('  \u202EIngénieur\u200B'.normalize('NFD') + '  ')).toBe('Ingénieur'.normalize('NFC'));
  });

  it('leaves an empty string when the input was only invisible characters and spaces', () => {
    expect(cleanLine(' \u200B\u202E \r\n')).toBe('');
  });
});
