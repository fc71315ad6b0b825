/**
 * One normalisation for alert keywords and offer text, so « Développeurs » in an offer matches an
 * alert on « developpeur »: lower case, accents folded, split on anything not a letter or digit,
 * a light plural strip, and French/English function words dropped.
 */
const STOP_WORDS = new Set([
  'a', 'au', 'aux', 'avec', 'ce', 'ces', 'dans', 'de', 'des', 'du', 'en', 'et', 'h', 'f', 'hf', 'la', 'le', 'les',
  'leur', 'ou', 'par', 'pour', 'sur', 'un', 'une', 'vos', 'votre', 'nous', 'vous', 'the', 'and', 'of', 'for', 'in',
]);

export function normalizeToken(token: string): string {
  const folded = token
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  // « développeurs » → « developpeur », « travaux » → « travau »: both sides go through the same rule.
  return folded.length > 3 && /[sx]$/.test(folded) ? folded.slice(0, -1) : folded;
}

export function tokenize(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/[^\p{L}\p{N}+#]+/u)) {
    if (raw.length === 0) continue;
    const token = normalizeToken(raw);
    if (token.length > 0 && !STOP_WORDS.has(token)) out.add(token);
  }
  return [...out];
}
