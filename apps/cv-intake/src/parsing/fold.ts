/**
 * Lower case without diacritics, typographic apostrophes as ', one UTF-16 unit for one:
 * « Expérience » → « experience », so a match's index in the folded text is its index in the
 * original (slices keep the candidate's accents and apostrophes).
 */
export function fold(text: string): string {
  return text.replace(/[\s\S]/g, (c) => {
    if (c === '’' || c === '`' || c === '´') return "'";
    if (c === '\u00a0') return ' ';
    const base = c.normalize('NFD').charAt(0).toLowerCase();
    return base.length === 1 ? base : c;
  });
}

/** Repairs what text exports often carry: UTF-8 bullets read as Windows-1252, non-breaking spaces. */
export function normaliseTypography(text: string): string {
  return (
    text
      .replace(/\u00a0/g, ' ')
      // « â€¢ », « â¢ »: a bullet read in the wrong encoding, common in exported text CVs.
      .replace(/â€¢|â\u0080¢|â¢|ï‚·|ï§/g, '•')
      .replace(/Â(?=\s)/g, '')
  );
}
