/**
 * TOKEN_PATTERN (french-chain.ts) as a hand-written scanner: the same tokens, without a regular
 * expression match object per token. The pattern stays the definition — the engine runs it, and
 * compile-chain falls back to it for any other pattern; word-scanner.spec.ts checks that the two
 * agree on the real offers, on generated text and on random strings of the characters that matter.
 * Character classes come from JavaScript's own `\p{…}` tables, so they are the regex's exactly.
 */
const OTHER = 0;
const WORD_START = 1; // \p{L} or \p{N}
const WORD_CONTINUE = 2; // \p{M}: inside a word, never first

const CLASS_BMP = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const ch = String.fromCharCode(c);
  CLASS_BMP[c] = /[\p{L}\p{N}]/u.test(ch) ? WORD_START : /\p{M}/u.test(ch) ? WORD_CONTINUE : OTHER;
}
const CLASS_ASTRAL = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x10000) return CLASS_BMP[cp]!;
  let k = CLASS_ASTRAL.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = /[\p{L}\p{N}]/u.test(ch) ? WORD_START : /\p{M}/u.test(ch) ? WORD_CONTINUE : OTHER;
    CLASS_ASTRAL.set(cp, k);
  }
  return k;
}

const APOSTROPHE = 0x27;
const TYPOGRAPHIC_APOSTROPHE = 0x2019;
const PLUS = 0x2b;
const HASH = 0x23;
const DOT = 0x2e;

/** The code point at `i` (a lone surrogate is its own code point, as in a `u` regex). */
function codePointAt(text: string, i: number): number {
  return text.codePointAt(i)!;
}
const width = (cp: number) => (cp > 0xffff ? 2 : 1);

/** The code point that ends just before `i`, or -1 at the start. */
function codePointBefore(text: string, i: number): number {
  if (i === 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2)!;
  }
  return low;
}

const inWord = (k: number) => k !== OTHER;

/** End of `[\p{L}\p{N}][\p{L}\p{N}\p{M}]*` from `i`, whose first code point starts a word. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  i += width(codePointAt(text, i));
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      // ASCII fast path: letters and digits continue, everything else ends the word.
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) i++;
      else if (c >= 0x30 && c <= 0x39) i++;
      else break;
      continue;
    }
    const cp = codePointAt(text, i);
    if (!inWord(classOf(cp))) break;
    i += width(cp);
  }
  return i;
}

const isN = (c: number) => c === 0x4e || c === 0x6e;
const isE = (c: number) => c === 0x45 || c === 0x65;
const isT = (c: number) => c === 0x54 || c === 0x74;

export function scanWords(text: string, emit: (token: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = codePointAt(text, i);
    if (classOf(cp) === WORD_START) {
      const start = i;
      i = wordEnd(text, i);
      // (?:['’]WORD)*
      while (i + 1 < n) {
        const c = text.charCodeAt(i);
        if (
          (c !== APOSTROPHE && c !== TYPOGRAPHIC_APOSTROPHE) ||
          classOf(codePointAt(text, i + 1)) !== WORD_START
        )
          break;
        i = wordEnd(text, i + 1);
      }
      // (?:\+\+|#)?
      if (text.charCodeAt(i) === PLUS && text.charCodeAt(i + 1) === PLUS) i += 2;
      else if (text.charCodeAt(i) === HASH) i++;
      emit(text.slice(start, i));
      continue;
    }
    // (?<![\p{L}\p{N}\p{M}])\.[Nn][Ee][Tt](?![\p{L}\p{N}\p{M}])
    if (
      cp === DOT &&
      i + 3 < n &&
      isN(text.charCodeAt(i + 1)) &&
      isE(text.charCodeAt(i + 2)) &&
      isT(text.charCodeAt(i + 3)) &&
      !inWord(i === 0 ? OTHER : classOf(codePointBefore(text, i))) &&
      !(i + 4 < n && inWord(classOf(codePointAt(text, i + 4))))
    ) {
      emit(text.slice(i, i + 4));
      i += 4;
      continue;
    }
    i += width(cp);
  }
}
