// The alert matcher's first tokenizer, kept only as the baseline of bench:analysis (the matcher now
// uses @vigie/analysis through its engine).
/**
 * One normalisation for alert keywords and offer text, so « Développeurs » in an offer matches an
 * alert on « developpeur »: lower case, accents folded, split on anything not a letter or digit,
 * a light plural strip, and French/English function words dropped.
 */
const STOP_WORDS = new Set([
  'a',
  'au',
  'aux',
  'avec',
  'ce',
  'ces',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'h',
  'f',
  'hf',
  'la',
  'le',
  'les',
  'leur',
  'ou',
  'par',
  'pour',
  'sur',
  'un',
  'une',
  'vos',
  'votre',
  'nous',
  'vous',
  'the',
  'and',
  'of',
  'for',
  'in',
]);

function fold(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function normalizeToken(token: string): string {
  const folded = fold(token);
  // « développeurs » → « developpeur », « travaux » → « travau »: both sides go through the same rule.
  return folded.length > 3 && /[sx]$/.test(folded) ? folded.slice(0, -1) : folded;
}

export function tokenize(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/[^\p{L}\p{N}+#]+/u)) {
    if (raw.length === 0) continue;
    // Stop words are recognised before the plural strip (« dans » must not become « dan »).
    if (STOP_WORDS.has(fold(raw))) continue;
    const token = normalizeToken(raw);
    if (token.length > 0) out.add(token);
  }
  return [...out];
}
