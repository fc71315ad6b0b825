/**
 * The two character properties Lucene reads from Java rather than from its own tables:
 * `Character.toLowerCase(int)` (LowerCaseFilter) and `Character.isLetter(char)` (the light French
 * stemmer). Java uses the simple, one-to-one Unicode mappings; JavaScript's `toLowerCase()` applies
 * the full ones, which differ only for U+0130 (« İ » → « i » + U+0307 in JavaScript, « i » in Java).
 * Both follow the Unicode version of their runtime: the int test lists the code points where the
 * engine's Java and this Node disagree (only characters unknown to the older one).
 */
const DOTTED_CAPITAL_I = 0x130;

const LOWER_BMP = new Uint16Array(0x10000);
const LETTER_BMP = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) {
    LOWER_BMP[c] = c; // a lone surrogate has no case and is no letter
    continue;
  }
  const ch = String.fromCharCode(c);
  const lower = ch.toLowerCase();
  LOWER_BMP[c] = c === DOTTED_CAPITAL_I ? 0x69 : lower.length === 1 ? lower.charCodeAt(0) : c;
  LETTER_BMP[c] = /\p{L}/u.test(ch) ? 1 : 0;
}

/** Java's `Character.toLowerCase(codePoint)`. */
export function javaLowerCase(codePoint: number): number {
  if (codePoint < 0x10000) return LOWER_BMP[codePoint]!;
  const lower = String.fromCodePoint(codePoint).toLowerCase();
  const cp = lower.codePointAt(0)!;
  return lower.length === (cp > 0xffff ? 2 : 1) ? cp : codePoint;
}

/** Java's `Character.isLetter(char)`: one UTF-16 unit, so a surrogate half is never a letter. */
export function isJavaLetter(charCode: number): boolean {
  return LETTER_BMP[charCode] === 1;
}

/**
 * Lucene's LowerCaseFilter over a whole term, code point by code point. Returns the same string
 * when nothing changes (the common case: already lower-case ASCII).
 */
export function lowerCaseTerm(term: string): string {
  let i = 0;
  const n = term.length;
  for (; i < n; i++) {
    const c = term.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c >= 0x80) break;
  }
  if (i === n) return term;
  let out = term.slice(0, i);
  for (; i < n; i++) {
    const c = term.charCodeAt(i);
    if (c < 0x80) {
      out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : term[i];
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const cp = term.codePointAt(i)!;
      if (cp > 0xffff) i++;
      out += String.fromCodePoint(javaLowerCase(cp));
    } else {
      out += String.fromCharCode(LOWER_BMP[c]!);
    }
  }
  return out;
}
