import { isJavaLetter } from './java-character';

/**
 * The light French stemmer the engine runs for `{ type: 'stemmer', language: 'light_french' }`:
 * a port of Lucene's FrenchLightStemmer (Apache-2.0), itself J. Savoy's "UniNE" light stemmer
 * (Light Stemming Approaches for the French, Portuguese, German and Hungarian Languages, 2006; BSD).
 * Rule for rule and in the same order, on UTF-16 units like the original, so its output is the
 * engine's to the character: suffixes are cut or rewritten in place, then `norm` folds the accents
 * it knows, collapses doubled letters and drops a final « ie », « r », « e », « e », doubled letter.
 */
export function frenchLightStem(term: string): string {
  const len = term.length;
  // Every rule needs more than three units; short terms (and most stop-word-sized ones) pass as is.
  if (len <= 3) return term;
  const s = new Array<number>(len);
  for (let i = 0; i < len; i++) s[i] = term.charCodeAt(i);
  const out = stem(s, len);
  return out === len && sameUnits(s, term, len) ? term : String.fromCharCode(...s.slice(0, out));
}

function sameUnits(s: readonly number[], term: string, len: number): boolean {
  for (let i = 0; i < len; i++) if (s[i] !== term.charCodeAt(i)) return false;
  return true;
}

const code = (ch: string): number => ch.charCodeAt(0);
const A = code('a');
const E = code('e');
const F = code('f');
const L = code('l');
const Q = code('q');
const R = code('r');
const S = code('s');
const U = code('u');
const X = code('x');

function endsWith(s: readonly number[], len: number, suffix: string): boolean {
  const n = suffix.length;
  if (n > len) return false;
  for (let i = 0; i < n; i++) if (s[len - n + i] !== suffix.charCodeAt(i)) return false;
  return true;
}

function stem(s: number[], len: number): number {
  if (len > 5 && s[len - 1] === X) {
    if (s[len - 3] === A && s[len - 2] === U && s[len - 4] !== E) s[len - 2] = L;
    len--;
  }
  if (len > 3 && s[len - 1] === X) len--;
  if (len > 3 && s[len - 1] === S) len--;

  if (len > 9 && endsWith(s, len, 'issement')) {
    len -= 6;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 8 && endsWith(s, len, 'issant')) {
    len -= 4;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 6 && endsWith(s, len, 'ement')) {
    len -= 4;
    if (len > 3 && endsWith(s, len, 'ive')) {
      len--;
      s[len - 1] = F;
    }
    return norm(s, len);
  }
  if (len > 11 && endsWith(s, len, 'ficatrice')) {
    len -= 5;
    s[len - 2] = E;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 10 && endsWith(s, len, 'ficateur')) {
    len -= 4;
    s[len - 2] = E;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 9 && endsWith(s, len, 'catrice')) {
    len -= 3;
    s[len - 4] = Q;
    s[len - 3] = U;
    s[len - 2] = E; // s[len - 1] is already « r »
    return norm(s, len);
  }
  if (len > 8 && endsWith(s, len, 'cateur')) {
    len -= 2;
    s[len - 4] = Q;
    s[len - 3] = U;
    s[len - 2] = E;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 8 && endsWith(s, len, 'atrice')) {
    len -= 4;
    s[len - 2] = E;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 7 && endsWith(s, len, 'ateur')) {
    len -= 3;
    s[len - 2] = E;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 6 && endsWith(s, len, 'trice')) {
    // No return: « trice » becomes « teur », which the « teur » rule below then takes.
    len--;
    s[len - 3] = E;
    s[len - 2] = U;
    s[len - 1] = R;
  }
  if (len > 5 && endsWith(s, len, 'ième')) return norm(s, len - 4);
  if (len > 7 && endsWith(s, len, 'teuse')) {
    len -= 2;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 6 && endsWith(s, len, 'teur')) {
    len--;
    s[len - 1] = R;
    return norm(s, len);
  }
  if (len > 5 && endsWith(s, len, 'euse')) return norm(s, len - 2);
  if (len > 8 && endsWith(s, len, 'ère')) {
    len--;
    s[len - 2] = E;
    return norm(s, len);
  }
  if (len > 7 && endsWith(s, len, 'ive')) {
    len--;
    s[len - 1] = F;
    return norm(s, len);
  }
  if (len > 4 && (endsWith(s, len, 'folle') || endsWith(s, len, 'molle'))) {
    len -= 2;
    s[len - 1] = U;
    return norm(s, len);
  }
  if (len > 9 && endsWith(s, len, 'nnelle')) return norm(s, len - 5);
  if (len > 9 && endsWith(s, len, 'nnel')) return norm(s, len - 3);
  if (len > 4 && endsWith(s, len, 'ète')) {
    len--;
    s[len - 2] = E;
  }
  if (len > 8 && endsWith(s, len, 'ique')) len -= 4;
  if (len > 8 && endsWith(s, len, 'esse')) return norm(s, len - 3);
  if (len > 7 && endsWith(s, len, 'inage')) return norm(s, len - 3);
  if (len > 9 && endsWith(s, len, 'isation')) {
    len -= 7;
    if (len > 5 && endsWith(s, len, 'ual')) s[len - 2] = E;
    return norm(s, len);
  }
  if (len > 9 && endsWith(s, len, 'isateur')) return norm(s, len - 7);
  if (len > 8 && endsWith(s, len, 'ation')) return norm(s, len - 5);
  if (len > 8 && endsWith(s, len, 'ition')) return norm(s, len - 5);
  return norm(s, len);
}

/** The accents `norm` folds (a subset of asciifolding: only these, and only in terms of 5+ units). */
const NORM_ACCENTS = new Map<number, number>([
  [code('à'), A],
  [code('á'), A],
  [code('â'), A],
  [code('ô'), code('o')],
  [code('è'), E],
  [code('é'), E],
  [code('ê'), E],
  [code('ù'), U],
  [code('û'), U],
  [code('î'), code('i')],
  [code('ç'), code('c')],
]);

function norm(s: number[], len: number): number {
  if (len > 4) {
    for (let i = 0; i < len; i++) {
      const plain = NORM_ACCENTS.get(s[i]!);
      if (plain !== undefined) s[i] = plain;
    }
    // Collapse a run of the same letter (digits are left alone: « 1234555 » stays).
    let ch = s[0]!;
    for (let i = 1; i < len; i++) {
      if (s[i] === ch && isJavaLetter(ch)) {
        s.splice(i, 1);
        s.push(0);
        len--;
        i--;
      } else {
        ch = s[i]!;
      }
    }
  }
  if (len > 4 && endsWith(s, len, 'ie')) len -= 2;
  if (len > 4) {
    if (s[len - 1] === R) len--;
    if (s[len - 1] === E) len--;
    if (s[len - 1] === E) len--;
    if (s[len - 1] === s[len - 2] && isJavaLetter(s[len - 1]!)) len--;
  }
  return len;
}
