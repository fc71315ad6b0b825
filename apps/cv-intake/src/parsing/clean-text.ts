import { normaliseTypography } from './fold';

/**
 * NFC, without control or format characters (bidi overrides, zero-width joiners, NUL) that could
 * hide or reorder what a recruiter reads (J4); line breaks and tabs stay, they carry structure.
 */
export function cleanText(text: string): string {
  // Mojibake first: a bullet read in the wrong encoding carries a C1 control character.
  return normaliseTypography(text)
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[\p{Cf}]|[^\P{Cc}\n\t]/gu, '');
}

/** The same, on one line: line breaks become spaces (a title, a skill). */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}
