import { ASCII_FOLDING_TABLE } from './ascii-folding.table';

/** BMP character → what Lucene's ASCIIFoldingFilter writes instead (absent: kept as is). */
const FOLD = new Map<number, string>();
for (const [to, from] of ASCII_FOLDING_TABLE) {
  for (let i = 0; i < from.length; i++) FOLD.set(from.charCodeAt(i), to);
}

/**
 * Lucene's ASCIIFoldingFilter (preserve_original: false): each BMP character in the table becomes
 * its ASCII form (« é » → « e », « œ » → « oe », « ’ » → « ' »); everything else is copied. Like
 * the original it works on UTF-16 units, so characters outside the BMP are never folded.
 */
export function asciiFoldTerm(term: string): string {
  let i = 0;
  const n = term.length;
  while (i < n && term.charCodeAt(i) < 0x80) i++;
  if (i === n) return term;
  let out = term.slice(0, i);
  for (; i < n; i++) {
    const c = term.charCodeAt(i);
    out += c < 0x80 ? term[i] : (FOLD.get(c) ?? term[i]);
  }
  return out;
}
