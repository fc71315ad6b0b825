/**
 * Lower case without diacritics, one UTF-16 unit for one: « Expérience » → « experience », so a
 * match's index in the folded text is its index in the original (slices keep the candidate's accents).
 */
export function fold(text: string): string {
  return text.replace(/[\s\S]/g, (c) => {
    const base = c.normalize('NFD').charAt(0).toLowerCase();
    return base.length === 1 ? base : c;
  });
}

/** Typographic apostrophes and dashes as the patterns expect them. */
export function normaliseTypography(text: string): string {
  return text.replace(/[’`´]/g, "'").replace(/\u00a0/g, ' ');
}
