/**
 * Masks what identifies or may discriminate a candidate inside free text (the CV's summary that
 * recruiters read): e-mails, phone numbers, links, street addresses, birth dates and ages, and the
 * candidate's own name words when known. Masks are French, like the readers.
 */
const RULES: ReadonlyArray<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[e-mail masqué]'],
  [/\b(?:https?:\/\/|www\.)\S+/giu, '[lien masqué]'],
  // French numbers (06 12 34 56 78, +33 6…, 0033…) and other international forms of 9+ digits.
  [
    /(?:\+|00)\d{1,3}[\s.-]?\(?\d\)?(?:[\s.-]?\d{2,4}){3,5}|\b0\d(?:[\s.-]?\d{2}){4}\b|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/gu,
    '[téléphone masqué]',
  ],
  [
    /\b(?:n[ée]e?|date de naissance|born(?: on)?|d\.?o\.?b\.?)\s*(?:le|:)?\s*\d{1,2}[\s/.-]+(?:\d{1,2}|\p{L}+)[\s/.-]+\d{2,4}/giu,
    '[date de naissance masquée]',
  ],
  // An age (16–99 years), not a duration of experience ("20 ans d'expérience").
  [/\b(?:1[6-9]|[2-9]\d)\s?(?:ans|years? old)\b(?!\s*(?:d['’]|de\s|of\s))/giu, '[âge masqué]'],
  [
    /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|allée|impasse|chemin|place|quai|route|cours|square|street|st\.|road|rd\.|lane|drive)\b[^,\n]{0,60}/giu,
    '[adresse masquée]',
  ],
  [
    // JavaScript's \b is ASCII-only even with /u: letter look-arounds bound words ending in « é ».
    /\b(?:nationalité|nationality|situation (?:familiale|de famille)|marital status|marié(?:e)?|célibataire|pacsé(?:e)?|divorcé(?:e)?|\d+ enfants?)(?!\p{L})[^\n.;]{0,40}/giu,
    '[masqué]',
  ],
];

export function maskPersonalData(text: string, nameWords: readonly string[] = []): string {
  let out = text;
  for (const [pattern, mask] of RULES) out = out.replace(pattern, mask);
  for (const word of new Set(nameWords.filter((w) => w.length >= 2))) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'giu'), '[nom masqué]');
  }
  return out;
}

/** The words of a name worth masking: "Jean-Pierre de La Fontaine" → Jean-Pierre, Jean, Pierre, Fontaine. */
export function nameWordsOf(name: string | undefined): string[] {
  if (!name) return [];
  const parts = name
    .split(/\s+/u)
    .filter((w) => w.length >= 2 && !/^(?:de|du|des|la|le|van|von|der|da|di)$/iu.test(w));
  return [...parts, ...parts.flatMap((p) => (p.includes('-') ? p.split('-') : []))];
}
